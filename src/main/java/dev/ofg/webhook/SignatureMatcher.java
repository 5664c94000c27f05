package dev.ofg.webhook;

import java.security.MessageDigest;
import java.util.List;

/**
 * Decides whether any received signature equals any expected one, in constant time per pair.
 *
 * <p>Every pair is compared and the results are OR-ed without short-circuit, so the time taken
 * depends only on how many signatures and secrets there are, never on which (if any) matched.
 */
public final class SignatureMatcher {

  private SignatureMatcher() {}

  /** Returns true if some received signature equals some expected one. */
  public static boolean anyMatch(List<byte[]> expected, List<byte[]> received) {
    boolean matched = false;
    for (byte[] candidate : received) {
      for (byte[] wanted : expected) {
        matched |= MessageDigest.isEqual(wanted, candidate);
      }
    }
    return matched;
  }
}
