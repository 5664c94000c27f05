package dev.ofg.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounds amounts like {@code odoo.tools.float_round} with the default HALF-UP method. */
final class Money {
  private Money() {}

  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    double rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    return rounded == 0 ? 0.0 : rounded;
  }

  static boolean isZero(double value, int decimals) {
    return round(value, decimals) == 0;
  }
}
