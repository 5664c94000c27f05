package dev.ofg.bank;

import com.prowidesoftware.swift.io.parser.SwiftParser;
import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses SWIFT MT940 customer statement files: one {@link BankStatement} per message, with or
 * without the FIN envelope (see {@link Mt940MessageSplitter}). Prowide Core splits each block 4
 * into tags and each :60a:/:61:/:62a: value into its components; this class checks the tag
 * sequence (:20: [:21:] :25: :28C: :60a: (:61: [:86:])* :62a: [:64:] [:65:]* [:86:]) and maps it.
 *
 * <p>Mapping notes: a :61: line's booking date is its entry date (MMDD, year taken from the value
 * date and rolled over at a year boundary), else its value date; two-digit years are 20YY below 80,
 * else 19YY. Marks {@code RC} (reversal of credit) and {@code RD} (reversal of debit) are a debit
 * and a credit with {@code reversal = true}. The :25: account is split from a trailing currency (ING
 * writes {@code NL..EUR}) and from a leading BIC ({@code BIC/account}). A missing :62a: is not a
 * parse error here: the statement has no closing balance and {@link BalanceCheck} decides.
 */
public final class Mt940Parser implements BankStatementParser {

  private final BankStatementLimits limits;

  /** Creates a parser with the given limits. */
  public Mt940Parser(BankStatementLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Creates a parser with {@link BankStatementLimits#defaults()}. */
  public Mt940Parser() {
    this(BankStatementLimits.defaults());
  }

  @Override
  public List<BankStatement> parse(byte[] content) {
    Objects.requireNonNull(content, "content");
    if (content.length > limits.maxBytes()) {
      throw BankStatementException.limit("file of " + content.length + " bytes exceeds " + limits.maxBytes() + " bytes");
    }
    List<String> messages = Mt940MessageSplitter.split(Mt940MessageSplitter.decode(content));
    ImportIdAssigner ids = new ImportIdAssigner();
    int[] entries = {0};
    List<BankStatement> statements = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      List<Tag> tags = tags(messages.get(i), i + 1);
      statements.add(new Mt940StatementMapper(i + 1, limits, ids, entries).map(tags));
    }
    return statements;
  }

  private List<Tag> tags(String block4, int messageNumber) {
    SwiftBlock4 block;
    try {
      block = SwiftParser.parseBlock4("{4:\n" + block4 + "\n-}");
    } catch (RuntimeException e) {
      // Prowide is lenient and rarely throws; anything it does throw means the text is not MT.
      throw BankStatementException.malformed("MT940 message " + messageNumber + " is not valid SWIFT block 4 text");
    }
    if (block == null || block.getTags() == null || block.getTags().isEmpty()) {
      throw BankStatementException.malformed("MT940 message " + messageNumber + " has no tags");
    }
    for (Tag tag : block.getTags()) {
      String value = tag.getValue();
      if (value != null && value.length() > limits.maxTextLength()) {
        throw BankStatementException.limit("MT940 message " + messageNumber + ": tag :" + Texts.clean(tag.getName())
            + ": longer than " + limits.maxTextLength() + " characters");
      }
    }
    return block.getTags();
  }
}
