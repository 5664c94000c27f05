package dev.ofg.webhook.ingest;

import dev.ofg.webhook.adyen.AdyenHmacVerifier;
import dev.ofg.webhook.stripe.StripeSignatureVerifier;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Says how many minor-unit digits a provider uses for a currency, so that an amount in minor units converts
 * exactly into a decimal: ISO 4217 unless the provider documents otherwise, with per-source overrides on top.
 *
 * <p>Provider facts, from their published currency tables:
 * <ul>
 *   <li>Stripe (https://docs.stripe.com/currencies): the zero-decimal currencies are BIF, CLP, DJF, GNF, JPY,
 *       KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV, XAF, XOF, XPF; the three-decimal ones BHD, JOD, KWD, OMR, TND;
 *       every other currency has two, ISK included ("ISK will remain a two-decimal currency in the Stripe API",
 *       support.stripe.com, deprecation of fractional ISK charges).
 *   <li>Adyen (https://docs.adyen.com/development-resources/currency-codes): ISO 4217 except CLP 2 and CVE 0
 *       ("differs from standard"), and ISK 2 (the same page's note).
 * </ul>
 */
final class MinorUnits {
  private static final Set<String> STRIPE_ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW",
      "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  private static final Set<String> STRIPE_THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
  private static final Map<String, Integer> ADYEN_EXCEPTIONS = Map.of("CLP", 2, "CVE", 0, "ISK", 2);

  private final String provider;
  private final Map<String, Integer> overrides;

  private MinorUnits(String provider, Map<String, Integer> overrides) {
    this.provider = provider;
    this.overrides = Map.copyOf(overrides);
  }

  /** Creates the table of a verifier type, with a source's overrides taking precedence. */
  static MinorUnits of(String verifierType, Map<String, Integer> overrides) {
    return new MinorUnits(verifierType, new HashMap<>(overrides));
  }

  /** Returns the digits for an upper-case ISO code, or -1 when the currency is unknown or has no minor unit. */
  int digits(String currency) {
    Integer override = overrides.get(currency);
    if (override != null) {
      return override;
    }
    int iso = isoDigits(currency);
    if (iso < 0) {
      return -1;
    }
    if (StripeSignatureVerifier.TYPE.equals(provider)) {
      return STRIPE_ZERO_DECIMAL.contains(currency) ? 0 : STRIPE_THREE_DECIMAL.contains(currency) ? 3 : 2;
    }
    if (AdyenHmacVerifier.TYPE.equals(provider)) {
      return ADYEN_EXCEPTIONS.getOrDefault(currency, iso);
    }
    return iso;
  }

  private static int isoDigits(String currency) {
    try {
      return Currency.getInstance(currency).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
