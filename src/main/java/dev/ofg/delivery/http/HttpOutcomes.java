package dev.ofg.delivery.http;

import dev.ofg.delivery.AttemptOutcome;
import java.time.Instant;

/**
 * Classifies a target's HTTP answer: 2xx delivered; 410 gone; 408, 409, 425, 429, 5xx (and anything else that
 * is not a 4xx) a technical failure worth retrying, with its Retry-After; any other 4xx a business failure.
 */
public final class HttpOutcomes {
  private HttpOutcomes() {
  }

  public static AttemptOutcome classify(int status, String retryAfter, Instant now) {
    if (status >= 200 && status < 300) {
      return new AttemptOutcome.Delivered(status, "HTTP " + status);
    }
    if (status == 410) {
      return new AttemptOutcome.Gone(status, "HTTP 410 Gone");
    }
    if (status >= 400 && status < 500 && !retryable(status)) {
      return new AttemptOutcome.Business(status, "HTTP " + status);
    }
    return new AttemptOutcome.Technical(status, "HTTP " + status, RetryAfter.parse(retryAfter, now));
  }

  /** Tells whether a 4xx status says "try again later" rather than "this request is wrong". */
  static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429;
  }
}
