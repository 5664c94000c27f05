package dev.ofg.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Records one call through the gateway for the audit trail.
 *
 * @param reason why a call was denied or failed, already free of secrets and account numbers
 */
public record AuditRecord(
    Instant occurredAt,
    String correlationId,
    String clientId,
    String route,
    String httpMethod,
    String odooModel,
    String odooMethod,
    String outcome,
    int status,
    int durationMs,
    String reason) {

  public AuditRecord {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(outcome, "outcome");
  }
}
