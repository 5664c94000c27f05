package dev.ofg.bank;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses ISO 20022 camt.053 statements and camt.054 notifications, versions 001.02 to 001.13, with
 * a streaming StAX reader that refuses DTDs and external entities.
 *
 * <p>The version is taken from the root {@code Document} namespace
 * ({@code urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN}); below it elements are matched by local
 * name, which is what lets one code path read all versions (v08 moved {@code Sts} into
 * {@code Sts/Cd}, {@code BIC} became {@code BICFI}, parties moved under {@code Pty}; all are read).
 * Each {@code Stmt} or {@code Ntfctn} becomes one {@link BankStatement}. A document wrapped in a
 * business application header envelope is not accepted: the root must be {@code Document}.
 *
 * <p>Not thread-confined: an instance holds only its limits and may be shared.
 */
public final class CamtParser implements BankStatementParser {

  private static final Pattern SUPPORTED_VERSION = Pattern.compile("001\\.(0[2-9]|1[0-3])");

  private final BankStatementLimits limits;

  /** Creates a parser with the given limits. */
  public CamtParser(BankStatementLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Creates a parser with {@link BankStatementLimits#defaults()}. */
  public CamtParser() {
    this(BankStatementLimits.defaults());
  }

  @Override
  public List<BankStatement> parse(byte[] content) {
    return parse(content, null);
  }

  /**
   * Parses a camt file, requiring it to be of {@code expected} format when that is not null.
   *
   * @throws BankStatementException {@code UNSUPPORTED_FORMAT} for other documents or versions,
   *                                {@code MALFORMED_STATEMENT}, {@code LIMIT_EXCEEDED}
   */
  public List<BankStatement> parse(byte[] content, BankStatementFormat expected) {
    Objects.requireNonNull(content, "content");
    if (content.length > limits.maxBytes()) {
      throw BankStatementException.limit("file of " + content.length + " bytes exceeds " + limits.maxBytes() + " bytes");
    }
    try (CamtXmlCursor cursor = CamtXmlCursor.open(content, limits)) {
      cursor.enterRoot();
      BankStatementFormat format = documentFormat(cursor, expected);
      String messageElement = format == BankStatementFormat.CAMT_053 ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
      if (!cursor.nextChild() || !cursor.localName().equals(messageElement)) {
        throw BankStatementException.malformed(format.displayName() + " Document must contain <" + messageElement + ">");
      }
      List<BankStatement> statements = readMessage(cursor, format);
      while (cursor.nextChild()) {
        cursor.skipElement();
      }
      cursor.finish();
      return statements;
    }
  }

  private static BankStatementFormat documentFormat(CamtXmlCursor cursor, BankStatementFormat expected) {
    String namespace = cursor.namespaceUri();
    if (!cursor.localName().equals("Document")) {
      throw BankStatementException.unsupported("root element <" + Texts.clean(cursor.localName())
          + "> is not a camt <Document>");
    }
    BankStatementFormat format;
    String version;
    if (namespace.startsWith(BankStatementFormat.CAMT_053_NAMESPACE_PREFIX)) {
      format = BankStatementFormat.CAMT_053;
      version = namespace.substring(BankStatementFormat.CAMT_053_NAMESPACE_PREFIX.length());
    } else if (namespace.startsWith(BankStatementFormat.CAMT_054_NAMESPACE_PREFIX)) {
      format = BankStatementFormat.CAMT_054;
      version = namespace.substring(BankStatementFormat.CAMT_054_NAMESPACE_PREFIX.length());
    } else {
      throw BankStatementException.unsupported("document namespace " + Texts.excerpt(namespace)
          + " (expected: urn:iso:std:iso:20022:tech:xsd:camt.053 or camt.054)");
    }
    if (!SUPPORTED_VERSION.matcher(version).matches()) {
      throw BankStatementException.unsupported(format.displayName() + " version " + Texts.excerpt(version)
          + " (expected: 001.02 to 001.13)");
    }
    if (expected != null && expected != format) {
      throw BankStatementException.unsupported("declared " + expected.displayName() + " but the file is "
          + format.displayName());
    }
    return format;
  }

  private List<BankStatement> readMessage(CamtXmlCursor cursor, BankStatementFormat format) {
    String statementElement = format == BankStatementFormat.CAMT_053 ? "Stmt" : "Ntfctn";
    CamtStatementReader.FileState file = new CamtStatementReader.FileState(limits);
    List<BankStatement> statements = new ArrayList<>();
    String messageId = null;
    LocalDateTime created = null;
    while (cursor.nextChild()) {
      String name = cursor.localName();
      if (name.equals("GrpHdr")) {
        XmlElement header = cursor.readElement();
        messageId = header.text("MsgId");
        created = CamtValues.dateTime(header.text("CreDtTm"));
      } else if (name.equals(statementElement)) {
        statements.add(new CamtStatementReader(format, file, messageId, created).read(cursor));
      } else {
        cursor.skipElement();
      }
    }
    if (statements.isEmpty()) {
      throw BankStatementException.malformed(format.displayName() + " message has no <" + statementElement + ">");
    }
    return statements;
  }
}
