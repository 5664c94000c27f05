package dev.ofg.store;

import io.vertx.core.Future;

/** Accepts audit records without making the caller wait for the database. */
public interface AuditTrail {
  /** Queues a record; never blocks and never fails the caller. */
  void record(AuditRecord record);

  /** Writes every queued record, then stops accepting new ones. */
  Future<Void> close();
}
