package dev.ofg.bank;

import java.util.List;

/** Parses the complete content of one statement file into canonical statements, in file order. */
public sealed interface BankStatementParser permits CamtParser, Mt940Parser {

  /**
   * Parses a whole file. Balances are not checked here (see {@link BalanceCheck}); import ids are
   * assigned. Throws {@link BankStatementException} and nothing else for any content.
   */
  List<BankStatement> parse(byte[] content);
}
