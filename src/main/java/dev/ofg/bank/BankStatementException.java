package dev.ofg.bank;

import java.util.Objects;

/**
 * Signals a bank statement file that cannot be imported, with a stable {@link Code} and a message
 * that is safe to show to the client that uploaded the file.
 *
 * <p>Bad files are frequent and expected, so the exception carries no stack trace. Every message
 * passes through {@link AccountNumberMask#maskAccountNumbersIn(String)}, so an IBAN quoted in a
 * message never reaches a client or a log line unmasked.
 */
public final class BankStatementException extends RuntimeException {

  /** Stable machine-readable reasons; the names are part of the public API contract. */
  public enum Code {
    /** The content is not a well-formed statement of its format (syntax, missing mandatory data). */
    MALFORMED_STATEMENT,
    /** The content is not one of the supported formats or versions, or not the declared one. */
    UNSUPPORTED_FORMAT,
    /** Opening balance plus booked lines does not equal the closing balance. */
    BALANCE_MISMATCH,
    /** A configured size, count, depth or length limit was exceeded. */
    LIMIT_EXCEEDED
  }

  private static final long serialVersionUID = 1L;

  private final Code code;

  /** Creates an exception with the given code and a client-safe message (account numbers are masked). */
  public BankStatementException(Code code, String message) {
    super(AccountNumberMask.maskAccountNumbersIn(Objects.requireNonNull(message, "message")),
        null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns the stable reason code. */
  public Code code() {
    return code;
  }

  static BankStatementException malformed(String message) {
    return new BankStatementException(Code.MALFORMED_STATEMENT, message);
  }

  static BankStatementException unsupported(String message) {
    return new BankStatementException(Code.UNSUPPORTED_FORMAT, message);
  }

  static BankStatementException limit(String message) {
    return new BankStatementException(Code.LIMIT_EXCEEDED, message);
  }
}
