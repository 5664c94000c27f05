package dev.ofg.webhook;

/** Signals that a webhook request failed signature verification. */
public final class WebhookSignatureException extends WebhookException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a signature failure code and a log-safe message. */
  public WebhookSignatureException(WebhookFailureCode code, String message) {
    super(requireSignatureCode(code), message);
  }

  private static WebhookFailureCode requireSignatureCode(WebhookFailureCode code) {
    if (code == WebhookFailureCode.PAYLOAD_INVALID) {
      throw new IllegalArgumentException("code: PAYLOAD_INVALID (expected: a SIGNATURE_* code)");
    }
    return code;
  }

  @Override
  public String publicDetail() {
    return "The webhook signature could not be verified.";
  }
}
