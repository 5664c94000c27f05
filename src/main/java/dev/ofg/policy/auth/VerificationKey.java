package dev.ofg.policy.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * Verifies JWS signatures with one key bound to exactly one algorithm, through vertx-auth-jwt.
 *
 * <p>Binding a key to one algorithm (RFC 8725 section 3.1) is what defeats algorithm confusion: a token is only
 * ever checked by a key whose algorithm equals the token's {@code alg}, so an RSA or EC public key can never be
 * used as an HMAC secret.
 */
public final class VerificationKey {
  /** Names the key families; a token's algorithm family must equal its key's. */
  public enum Family {
    RSA,
    EC,
    HMAC;

    static Family of(String alg) {
      if (alg.startsWith("RS")) {
        return RSA;
      }
      if (alg.startsWith("ES")) {
        return EC;
      }
      if (alg.startsWith("HS")) {
        return HMAC;
      }
      throw new IllegalArgumentException("alg: \"" + alg + "\" (expected: RS*, ES* or HS*)");
    }
  }

  private final String kid;
  private final String alg;
  private final Family family;
  private final int signatureLength;
  private final JWTAuth verifier;

  private VerificationKey(String kid, String alg, int signatureLength, JWTAuth verifier) {
    this.kid = kid;
    this.alg = Objects.requireNonNull(alg, "alg");
    this.family = Family.of(alg);
    this.signatureLength = signatureLength;
    this.verifier = verifier;
  }

  /** Creates a key for RS256/RS384/RS512 from an RSA public key. */
  static VerificationKey rsa(Vertx vertx, String kid, String alg, RSAPublicKey key) {
    requireFamily(alg, Family.RSA);
    // RFC 8017 section 8.2.2: an RSASSA-PKCS1-v1_5 signature is exactly as long as the modulus.
    int length = (key.getModulus().bitLength() + 7) / 8;
    return new VerificationKey(kid, alg, length, publicKeyVerifier(vertx, kid, alg, key));
  }

  /** Creates a key for ES256/ES384/ES512 from an EC public key on the matching curve. */
  static VerificationKey ec(Vertx vertx, String kid, String alg, ECPublicKey key) {
    requireFamily(alg, Family.EC);
    int fieldBytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    // RFC 7518 section 3.4: the JWS signature is R || S, each exactly the field size; a DER-encoded signature
    // (which vertx-auth-jwt would also accept) is not a valid JWS.
    return new VerificationKey(kid, alg, 2 * fieldBytes, publicKeyVerifier(vertx, kid, alg, key));
  }

  /** Creates the shared-secret key for HS256/HS384/HS512. */
  static VerificationKey hmac(Vertx vertx, String alg, byte[] secret) {
    requireFamily(alg, Family.HMAC);
    int length = Integer.parseInt(alg.substring(2)) / 8;
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setBuffer(Buffer.buffer(secret)))
        .setJWTOptions(signatureOnly());
    return new VerificationKey(null, alg, length, JWTAuth.create(vertx, options));
  }

  private static JWTAuth publicKeyVerifier(Vertx vertx, String kid, String alg, PublicKey key) {
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    // One provider per key, never an empty one: vertx-auth-jwt without keys runs in "unsecure" mode and accepts
    // unsigned tokens. PubSecKeyOptions (unlike addJwk) fails loudly instead of skipping a key it cannot load.
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setId(kid).setBuffer(pem))
        .setJWTOptions(signatureOnly());
    return JWTAuth.create(vertx, options);
  }

  /**
   * Leaves only the signature to vertx-auth-jwt. Its claim checks cannot express our rules (it accepts a token
   * without {@code exp}, compares a single issuer, and reports every failure with one generic message), so
   * {@link TokenClaimsValidator} checks the claims after the signature is known good.
   */
  private static JWTOptions signatureOnly() {
    return new JWTOptions().setIgnoreExpiration(true);
  }

  private static void requireFamily(String alg, Family expected) {
    if (Family.of(alg) != expected) {
      throw new IllegalArgumentException("alg: \"" + alg + "\" (expected: a " + expected + " algorithm)");
    }
  }

  /**
   * Verifies the token's signature with this key; fails with a {@link TokenRejection} when the algorithm does not
   * match the key or the signature is wrong.
   */
  Future<Void> verify(CompactJws jws) {
    String tokenAlg = jws.alg();
    // Exact equality, not "same family": an RS256 key does not verify RS512 either.
    if (!alg.equals(tokenAlg)) {
      return Future.failedFuture(new TokenRejection(TokenRejection.Reason.KEY_MISMATCH,
          "algorithm " + tokenAlg + " does not match the signing key"));
    }
    if (jws.signature() == null || jws.signature().length != signatureLength) {
      return Future.failedFuture(badSignature());
    }
    return verifier.authenticate(new TokenCredentials(jws.token()))
        .transform(result -> result.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(badSignature()));
  }

  private static TokenRejection badSignature() {
    return new TokenRejection(TokenRejection.Reason.BAD_SIGNATURE, "signature invalid");
  }

  /** Returns the key id, or null for the shared HMAC secret. */
  public String kid() {
    return kid;
  }

  public String alg() {
    return alg;
  }

  public Family family() {
    return family;
  }

  @Override
  public String toString() {
    return "VerificationKey[kid=" + kid + ", alg=" + alg + "]";
  }
}
