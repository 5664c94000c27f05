package dev.ofg.sandbox;

import java.util.List;

/** Marks a value that Python would hold as a tuple, so that its repr uses parentheses. */
record PyTuple(List<Object> items) {
  PyTuple {
    items = List.copyOf(items);
  }

  static PyTuple of(Object... items) {
    return new PyTuple(java.util.Arrays.asList(items));
  }
}
