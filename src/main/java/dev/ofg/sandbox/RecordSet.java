package dev.ofg.sandbox;

import java.util.List;

/** Represents a recordset returned by a model method; {@code call_kw} sends its ids. */
record RecordSet(String model, List<Long> ids) {
  RecordSet {
    ids = List.copyOf(ids);
  }
}
