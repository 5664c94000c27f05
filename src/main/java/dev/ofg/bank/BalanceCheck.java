package dev.ofg.bank;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies that a statement's booked lines explain its balances: for every currency, opening
 * balance plus the sum of the booked lines must equal the closing balance exactly. Pending and
 * informational entries are not counted, because booked balances (OPBD/PRCD/ITBD, CLBD; MT940
 * :60a:/:62a:) do not include them.
 *
 * <p>camt.054 notifications carry no balances, so there is nothing to check and the result is
 * {@link Result#NOT_APPLICABLE}. A statement of another format without an opening or closing
 * balance (both are mandatory in camt.053 and MT940) is malformed unless missing balances are
 * explicitly allowed, in which case the result is {@link Result#UNVERIFIED}.
 */
public final class BalanceCheck {

  /** What a successful check established. Failures are exceptions. */
  public enum Result {
    /** Every currency's balances agree with the booked lines. */
    VERIFIED,
    /** The format carries no balances (camt.054). */
    NOT_APPLICABLE,
    /** Balances are missing and that was allowed: the lines could not be verified. */
    UNVERIFIED
  }

  private BalanceCheck() {
  }

  /** Verifies strictly: missing balances are {@code MALFORMED_STATEMENT}. */
  public static Result verify(BankStatement statement) {
    return verify(statement, false);
  }

  /**
   * Verifies one statement.
   *
   * @throws BankStatementException {@code BALANCE_MISMATCH} naming stated and computed closing
   *                                balance, or {@code MALFORMED_STATEMENT} for missing balances
   *                                unless {@code allowMissingBalances}
   */
  public static Result verify(BankStatement statement, boolean allowMissingBalances) {
    if (statement.format() == BankStatementFormat.CAMT_054) {
      return Result.NOT_APPLICABLE;
    }
    if (statement.openingBalances().isEmpty() || statement.closingBalances().isEmpty()) {
      if (allowMissingBalances) {
        return Result.UNVERIFIED;
      }
      String missing = statement.openingBalances().isEmpty() ? "opening" : "closing";
      throw BankStatementException.malformed(statement.label() + " has no " + missing + " balance"
          + (statement.format() == BankStatementFormat.MT940 ? " (:60a: and :62a: are mandatory)" : ""));
    }
    Map<String, BigDecimal> movements = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (StatementLine line : statement.lines()) {
      movements.merge(line.currency(), line.amount(), BigDecimal::add);
      counts.merge(line.currency(), 1, Integer::sum);
    }
    Set<String> currencies = new LinkedHashSet<>();
    statement.openingBalances().forEach(b -> currencies.add(b.currency()));
    statement.closingBalances().forEach(b -> currencies.add(b.currency()));
    currencies.addAll(movements.keySet());
    for (String currency : currencies) {
      verifyCurrency(statement, currency, movements.getOrDefault(currency, BigDecimal.ZERO),
          counts.getOrDefault(currency, 0));
    }
    return Result.VERIFIED;
  }

  private static void verifyCurrency(BankStatement statement, String currency, BigDecimal movement, int lineCount) {
    Optional<Balance> opening = find(statement.openingBalances(), currency);
    Optional<Balance> closing = find(statement.closingBalances(), currency);
    if (opening.isEmpty() || closing.isEmpty()) {
      throw mismatch(statement.label() + ", " + currency + ": " + lineCount + " booked lines but no "
          + (opening.isEmpty() ? "opening" : "closing") + " balance in " + currency);
    }
    BigDecimal computed = opening.get().amount().add(movement);
    BigDecimal stated = closing.get().amount();
    if (computed.compareTo(stated) != 0) {
      throw mismatch(statement.label() + ", " + currency + ": closing balance stated " + stated.toPlainString()
          + " but computed " + computed.toPlainString() + " (opening " + opening.get().amount().toPlainString()
          + " + " + lineCount + " booked lines " + movement.toPlainString() + "); difference "
          + stated.subtract(computed).toPlainString());
    }
  }

  /**
   * Verifies that consecutive statements of one account and currency in a file connect: each
   * opening balance equals the previous statement's closing balance. A gap means a statement (or
   * MT940 page) is missing between them.
   *
   * @throws BankStatementException {@code BALANCE_MISMATCH} naming both statements and amounts
   */
  public static void verifyContinuity(List<BankStatement> statements) {
    for (int i = 1; i < statements.size(); i++) {
      BankStatement previous = statements.get(i - 1);
      BankStatement current = statements.get(i);
      if (!previous.account().identifier().equals(current.account().identifier())) {
        continue;
      }
      for (Balance opening : current.openingBalances()) {
        Optional<Balance> closed = find(previous.closingBalances(), opening.currency());
        if (closed.isPresent() && closed.get().amount().compareTo(opening.amount()) != 0) {
          throw mismatch(current.label() + " opens with " + opening.amount().toPlainString() + " "
              + opening.currency() + " but the previous " + previous.label() + " of the same account closed with "
              + closed.get().amount().toPlainString() + " " + opening.currency());
        }
      }
    }
  }

  private static Optional<Balance> find(List<Balance> balances, String currency) {
    return balances.stream().filter(b -> b.currency().equals(currency)).findFirst();
  }

  private static BankStatementException mismatch(String message) {
    return new BankStatementException(BankStatementException.Code.BALANCE_MISMATCH, message);
  }
}
