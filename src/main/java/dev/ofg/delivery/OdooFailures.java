package dev.ofg.delivery;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.odoo.OdooFault;
import dev.ofg.store.ExternalRefLedger;
import java.time.Duration;

/**
 * Classifies a failure to apply an event to Odoo, for the delivery targets that write to Odoo (bank, statements):
 * Odoo's refusals (UserError, ValidationError, AccessError) and requests Odoo cannot serve are business failures;
 * timeouts, unavailability, concurrency conflicts and a create still in progress elsewhere are technical. Gateway
 * problems follow their HTTP status the way target answers do; anything else (the store failing) is technical.
 */
public final class OdooFailures {
  private OdooFailures() {
  }

  /** Returns the outcome of an attempt that failed with {@code failure}. */
  public static AttemptOutcome classify(Throwable failure) {
    if (failure instanceof OdooFault fault) {
      String detail = "Odoo " + (fault.odooName() == null ? fault.code().name() : fault.odooName()) + ": "
          + fault.getMessage();
      switch (fault.kind()) {
        case BUSINESS:
        case REQUEST:
          return new AttemptOutcome.Business(fault.code().status(), detail);
        default:
          return new AttemptOutcome.Technical(fault.code().status(), detail, retryAfter(fault.toProblem()));
      }
    }
    if (failure instanceof ExternalRefLedger.ClaimBusyException) {
      return new AttemptOutcome.Technical(null, failure.getMessage(), null);
    }
    if (failure instanceof GatewayException problem) {
      int status = problem.status();
      boolean retryable = status >= 500 || status == 408 || status == 409 || status == 425 || status == 429;
      String detail = problem.code().name() + ": " + problem.detail();
      return retryable ? new AttemptOutcome.Technical(status, detail, retryAfter(problem))
          : new AttemptOutcome.Business(status, detail);
    }
    return new AttemptOutcome.Technical(null, failure.toString(), null);
  }

  /** Tells whether the failure is the gateway's "no record with this external reference". */
  public static boolean notFound(Throwable failure) {
    return failure instanceof GatewayException problem && problem.code() == ProblemCode.NOT_FOUND;
  }

  /** Returns the wait a problem asks for (its Retry-After), or null. */
  public static Duration retryAfter(GatewayException problem) {
    return problem.retryAfterSeconds() == null ? null : Duration.ofSeconds(problem.retryAfterSeconds());
  }
}
