package dev.ofg.bank;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a bank statement file of any supported format into verified canonical statements: sniffs
 * (or checks the declared) format, parses, then runs {@link BalanceCheck} on every statement and
 * {@link BalanceCheck#verifyContinuity(List)} across them.
 *
 * <p>Parsing is CPU-bound and the {@link InputStream} variants block: call them from a worker
 * (Vert.x {@code executeBlocking}), never from an event loop. Instances are immutable and may be
 * shared between threads.
 */
public final class BankStatementReader {

  private final BankStatementReaderOptions options;
  private final CamtParser camtParser;
  private final Mt940Parser mt940Parser;

  /** Creates a reader with the given options. */
  public BankStatementReader(BankStatementReaderOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.camtParser = new CamtParser(options.limits());
    this.mt940Parser = new Mt940Parser(options.limits());
  }

  /** Creates a reader with {@link BankStatementReaderOptions#defaults()}. */
  public BankStatementReader() {
    this(BankStatementReaderOptions.defaults());
  }

  /** Reads a file whose format is sniffed from its content. */
  public List<BankStatement> read(byte[] content) {
    return read(content, null);
  }

  /**
   * Reads a file; when {@code declaredFormat} is not null the content must be of that format.
   *
   * @throws BankStatementException with code {@code UNSUPPORTED_FORMAT}, {@code MALFORMED_STATEMENT},
   *                                {@code BALANCE_MISMATCH} or {@code LIMIT_EXCEEDED}
   */
  public List<BankStatement> read(byte[] content, BankStatementFormat declaredFormat) {
    Objects.requireNonNull(content, "content");
    if (content.length > options.limits().maxBytes()) {
      throw BankStatementException.limit("file of " + content.length + " bytes exceeds "
          + options.limits().maxBytes() + " bytes");
    }
    BankStatementFormat format = format(content, declaredFormat);
    List<BankStatement> statements = format == BankStatementFormat.MT940 ? mt940Parser.parse(content)
        : camtParser.parse(content, format);
    for (BankStatement statement : statements) {
      BalanceCheck.verify(statement, options.allowMissingBalances());
    }
    BalanceCheck.verifyContinuity(statements);
    return statements;
  }

  /** Reads at most {@code maxBytes} from the stream (blocking), then as {@link #read(byte[])}. */
  public List<BankStatement> read(InputStream in) {
    return read(in, null);
  }

  /** Reads at most {@code maxBytes} from the stream (blocking), then as {@link #read(byte[], BankStatementFormat)}. */
  public List<BankStatement> read(InputStream in, BankStatementFormat declaredFormat) {
    Objects.requireNonNull(in, "in");
    long max = options.limits().maxBytes();
    byte[] content;
    try {
      content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the statement upload failed", e);
    }
    if (content.length > max) {
      throw BankStatementException.limit("file exceeds " + max + " bytes");
    }
    return read(content, declaredFormat);
  }

  private static BankStatementFormat format(byte[] content, BankStatementFormat declared) {
    Optional<BankStatementFormat> detected = BankStatementFormat.detect(content);
    if (declared == null) {
      return detected.orElseThrow(() -> BankStatementException.unsupported(
          "content is not a camt.053, camt.054 or MT940 file"));
    }
    if (detected.isPresent() && detected.get() != declared) {
      throw BankStatementException.unsupported("declared " + declared.displayName() + " but the content is "
          + detected.get().displayName());
    }
    return declared;
  }
}
