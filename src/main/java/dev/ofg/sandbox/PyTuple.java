package dev.ofg.sandbox;

import java.util.List;

/** Marks a value that Python would hold as a tuple, so that its repr uses parentheses. */
record PyTuple(List<Object> items) {
  PyTuple {
    items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items)); // None is a valid item
  }

  static PyTuple of(Object... items) {
    return new PyTuple(java.util.Arrays.asList(items));
  }
}
