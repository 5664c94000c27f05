package dev.ofg.sandbox;

/** Reads currency precision and rates and converts amounts between a document and its company. */
final class Currencies {
  private final ModelRegistry registry;

  Currencies(ModelRegistry registry) {
    this.registry = registry;
  }

  int decimals(Long currencyId) {
    if (currencyId == null || !registry.model("res.currency").exists(currencyId)) {
      return 2;
    }
    Object dp = registry.value("res.currency", currencyId, "decimal_places");
    return dp instanceof Number n ? n.intValue() : 2;
  }

  double rate(Long currencyId) {
    if (currencyId == null || !registry.model("res.currency").exists(currencyId)) {
      return 1.0;
    }
    Object rate = registry.value("res.currency", currencyId, "rate");
    return rate instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 1.0;
  }

  Long companyCurrency(Long companyId) {
    if (companyId == null || !registry.model("res.company").exists(companyId)) {
      return null;
    }
    return (Long) registry.value("res.company", companyId, "currency_id");
  }

  /** Converts an amount in {@code from} to the company currency, rounded to its precision. */
  double toCompany(double amount, Long from, Long companyId) {
    Long to = companyCurrency(companyId);
    if (from == null || from.equals(to)) {
      return Money.round(amount, decimals(to));
    }
    return Money.round(amount / rate(from) * rate(to), decimals(to));
  }
}
