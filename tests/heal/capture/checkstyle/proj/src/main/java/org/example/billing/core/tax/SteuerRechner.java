package org.example.billing.core.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Berechnet die Mehrwertsteuer.
 */
public final class SteuerRechner {
  private static final BigDecimal MWST = new BigDecimal("0.19");

  private SteuerRechner() {}

  /**
   * Steuer für einen Betrag.
   *
   * @param betrag der Betrag
   * @return die Steuer
   */
  public static BigDecimal steuer(BigDecimal betrag) {
    BigDecimal größe = betrag.multiply(MWST);
    return größe.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * Rundet.
   *
   * @param x der Wert
   * @return gerundet
   */
  public static long runde(double x) {
    long Ergebnis = Math.round(x);
    try {
      return Ergebnis;
    } catch (Exception e) {
    }
    return 0;
  }
}
