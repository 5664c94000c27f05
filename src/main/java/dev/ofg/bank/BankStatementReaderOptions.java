package dev.ofg.bank;

import java.util.Objects;

/**
 * Configures {@link BankStatementReader}.
 *
 * @param limits               parse limits
 * @param allowMissingBalances accept camt.053/MT940 statements without opening or closing balance,
 *                             returning their lines unverified ({@link BalanceCheck.Result#UNVERIFIED});
 *                             off by default because such lines cannot be proven complete
 */
public record BankStatementReaderOptions(BankStatementLimits limits, boolean allowMissingBalances) {

  /** Requires limits. */
  public BankStatementReaderOptions {
    Objects.requireNonNull(limits, "limits");
  }

  /** Returns default limits, missing balances rejected. */
  public static BankStatementReaderOptions defaults() {
    return new BankStatementReaderOptions(BankStatementLimits.defaults(), false);
  }
}
