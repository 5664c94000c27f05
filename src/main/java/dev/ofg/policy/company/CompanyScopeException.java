package dev.ofg.policy.company;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.ProblemSource;

/**
 * Refuses an Odoo call that names a company outside the client's scope (403), or whose company arguments cannot be
 * read (400); {@link #reason()} is what the audit trail records.
 */
public final class CompanyScopeException extends RuntimeException implements ProblemSource {
  private final ProblemCode code;
  private final String reason;

  private CompanyScopeException(ProblemCode code, String detail, String reason) {
    super(detail, null, false, false);
    this.code = code;
    this.reason = reason;
  }

  static CompanyScopeException denied(String clientId, long company, String where) {
    return new CompanyScopeException(ProblemCode.FORBIDDEN,
        "client '" + clientId + "' may not reach company " + company + " (" + where + ")",
        "company " + company + " outside the client's companies (" + where + ")");
  }

  static CompanyScopeException malformed(String detail) {
    return new CompanyScopeException(ProblemCode.BAD_REQUEST, detail, "unreadable company arguments: " + detail);
  }

  /** Returns the reason recorded in the audit trail. */
  public String reason() {
    return reason;
  }

  @Override
  public GatewayException toProblem() {
    return GatewayException.of(code, getMessage(), this);
  }
}
