package dev.ofg.sandbox;

/** Registers every model the sandbox simulates, in dependency order. */
final class ModelCatalog {
  private ModelCatalog() {}

  static void register(ModelRegistry registry, OdooVersion version, MoveSequence sequence) {
    register(registry, version, sequence, true);
  }

  static void register(ModelRegistry registry, OdooVersion version, MoveSequence sequence,
      boolean statementImportModule) {
    registry.add(ReferenceModels.currency());
    registry.add(ReferenceModels.company());
    registry.add(new PartnerModel());
    registry.add(ReferenceModels.users());
    registry.add(ReferenceModels.account());
    registry.add(ReferenceModels.journal());
    registry.add(ReferenceModels.tax());
    registry.add(new AccountMoveModel(sequence));
    registry.add(new AccountMoveLineModel());
    registry.add(new AccountPaymentModel(version, sequence));
    registry.add(new PaymentRegisterModel(version));
    registry.add(new BankStatementLineModel(statementImportModule));
    registry.seal();
  }
}
