package dev.ofg.webhook;

/** Signals that a webhook payload is malformed or exceeds the configured limits. */
public final class WebhookPayloadException extends WebhookException {

  private static final long serialVersionUID = 1L;

  /** Creates a {@link WebhookFailureCode#PAYLOAD_INVALID} exception with a log-safe message. */
  public WebhookPayloadException(String message) {
    super(WebhookFailureCode.PAYLOAD_INVALID, message);
  }

  @Override
  public String publicDetail() {
    return "The webhook payload is not valid.";
  }
}
