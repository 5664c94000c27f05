package dev.ofg.webhook;

import java.util.Objects;

/**
 * Signals that a webhook request was rejected, with a stable {@link WebhookFailureCode}.
 *
 * <p>Rejections are frequent and expected (scanners, misconfigured senders), so no stack trace is
 * captured. {@link #getMessage()} is meant for logs: it never contains secrets, signatures, header
 * values or payload content. {@link #publicDetail()} is the text a client may see.
 */
public abstract sealed class WebhookException extends RuntimeException
    permits WebhookSignatureException, WebhookPayloadException {

  private static final long serialVersionUID = 1L;

  private final WebhookFailureCode code;

  WebhookException(WebhookFailureCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns the stable failure code. */
  public WebhookFailureCode code() {
    return code;
  }

  /** Returns the HTTP status the receiver should answer with. */
  public int httpStatus() {
    return code.httpStatus();
  }

  /** Returns a client-safe description that does not say which check failed. */
  public abstract String publicDetail();
}
