package dev.ofg.bank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets the :86: information to account owner of an MT940 line.
 *
 * <p>SWIFT wraps the field at 65 characters, often in the middle of a word, so lines are joined
 * without a separator. Two conventions of Dutch banks are understood:
 * <ul>
 *   <li>structured code words, as used by ING ({@code /EREF/.../CNTP/iban/bic/name/city/
 *       /REMI/USTD//text/}), ABN AMRO ({@code /TRTP/.../IBAN/.../BIC/.../NAME/.../REMI/...}) and
 *       Rabobank ({@code /ORDP//NAME/.../REMI/...});</li>
 *   <li>SNS: a first line {@code <IBAN> <name>} followed by free text.</li>
 * </ul>
 * Anything else is kept as unstructured remittance text.
 */
record Mt940InformationField(String text, Counterparty counterparty, String endToEndId, String mandateId,
    String paymentInformationId, String remittance, String creditorReference, String returnReason) {

  private static final Pattern CODE_WORD = Pattern.compile(
      "/(RTRN|BENM|ORDP|CSID|BUSP|MARF|EREF|PREF|REMI|ID|PURP|ULTB|ULTD|CREF|IREF|CNTP|ULTC|EXCH|CHGS|NAME|ADDR"
          + "|IBAN|BIC|ISDT|TRTP|SUM|TRCD)/");
  private static final Pattern SNS_FIRST_LINE = Pattern.compile("([A-Z]{2}\\d{2}[A-Z0-9]{10,30}) +(\\S.*)");

  static final Mt940InformationField EMPTY = new Mt940InformationField(null, null, null, null, null, null, null, null);

  /** Parses the raw :86: value as Prowide returns it (lines separated by newlines). */
  static Mt940InformationField parse(String rawValue) {
    if (rawValue == null) {
      return EMPTY;
    }
    String[] lines = rawValue.split("\n", -1);
    String joined = String.join("", lines);
    String text = Texts.clean(joined);
    if (text == null) {
      return EMPTY;
    }
    if (text.startsWith("/") && CODE_WORD.matcher(text).find()) {
      return structured(text, joined);
    }
    return unstructured(text, lines);
  }

  private static Mt940InformationField structured(String text, String joined) {
    Map<String, String> fields = codeWords(joined.strip());
    Counterparty counterparty = fields.containsKey("CNTP") ? counterpartyOf(fields.get("CNTP"))
        : party(fields.get("NAME"), fields.get("IBAN"), fields.get("BIC"));
    String remittance = null;
    String creditorReference = null;
    String remi = fields.get("REMI");
    if (remi != null) {
      if (remi.startsWith("USTD//")) {
        remittance = Texts.clean(remi.substring(6));
      } else if (remi.startsWith("STRD/")) {
        String[] parts = remi.split("/", 3);
        creditorReference = parts.length == 3 ? Texts.clean(parts[2]) : null;
      } else {
        remittance = Texts.clean(remi);
      }
    }
    String endToEnd = Texts.clean(fields.get("EREF"));
    return new Mt940InformationField(text, counterparty, "NOTPROVIDED".equals(endToEnd) ? null : endToEnd,
        Texts.clean(fields.get("MARF")), Texts.clean(fields.get("PREF")), remittance, creditorReference,
        Texts.clean(fields.get("RTRN")));
  }

  /** Splits {@code /CODE/value/CODE/value} text; one trailing slash of each value is a separator. */
  private static Map<String, String> codeWords(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher matcher = CODE_WORD.matcher(text);
    List<int[]> positions = new ArrayList<>();
    while (matcher.find()) {
      positions.add(new int[] {matcher.start(), matcher.end()});
      // Re-scan from the closing slash: it may open the next code word ("/ORDP//NAME/").
      matcher.region(matcher.end() - 1, text.length());
    }
    for (int i = 0; i < positions.size(); i++) {
      int[] at = positions.get(i);
      String code = text.substring(at[0] + 1, at[1] - 1);
      int valueEnd = i + 1 < positions.size() ? positions.get(i + 1)[0] : text.length();
      String value = valueEnd > at[1] ? text.substring(at[1], valueEnd) : "";
      if (value.endsWith("/")) {
        value = value.substring(0, value.length() - 1);
      }
      fields.putIfAbsent(code, value);
    }
    return fields;
  }

  /** ING's CNTP: account/BIC/name/city. */
  private static Counterparty counterpartyOf(String cntp) {
    String[] parts = cntp.split("/", -1);
    return party(parts.length > 2 ? parts[2] : null, parts[0], parts.length > 1 ? parts[1] : null);
  }

  private static Counterparty party(String name, String account, String bic) {
    String cleanAccount = account == null ? null : Texts.clean(account.replace(" ", ""));
    boolean iban = Iban.hasShape(cleanAccount);
    Counterparty counterparty = new Counterparty(Texts.clean(name), iban ? cleanAccount : null,
        iban ? null : cleanAccount, Texts.clean(bic));
    return counterparty.isEmpty() ? null : counterparty;
  }

  private static Mt940InformationField unstructured(String text, String[] lines) {
    Matcher first = SNS_FIRST_LINE.matcher(lines[0].strip());
    if (first.matches()) {
      String rest = Texts.clean(String.join("", java.util.Arrays.copyOfRange(lines, 1, lines.length)));
      return new Mt940InformationField(text, new Counterparty(Texts.clean(first.group(2)), first.group(1), null, null),
          null, null, null, rest, null, null);
    }
    return new Mt940InformationField(text, null, null, null, null, text, null, null);
  }
}
