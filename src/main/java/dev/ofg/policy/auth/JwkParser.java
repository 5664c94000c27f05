package dev.ofg.policy.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Turns one JSON Web Key (RFC 7517/7518) from a JWKS into a {@link VerificationKey}, or explains why it is
 * unusable.
 *
 * <p>Keys are built from their parameters ({@code n}/{@code e}, {@code crv}/{@code x}/{@code y}) only; an
 * {@code x5c} chain is ignored, because trust comes from fetching the set from the configured URL, and an expired
 * IdP self-signed certificate must not disable a valid key.
 */
final class JwkParser {
  /** RFC 7518 section 3.3: RSA keys for RS* must be at least 2048 bits. */
  static final int MIN_RSA_BITS = 2048;
  static final int MAX_RSA_BITS = 16384;

  /** Maps each supported curve to its JCA name and the one algorithm RFC 7518 section 3.4 pairs with it. */
  private static final Map<String, String[]> CURVES = Map.of(
      "P-256", new String[] {"secp256r1", "ES256"},
      "P-384", new String[] {"secp384r1", "ES384"},
      "P-521", new String[] {"secp521r1", "ES512"});

  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  private JwkParser() {
  }

  /** Parses a signing key; throws {@link IllegalArgumentException} with a loggable reason for anything unusable. */
  static VerificationKey parse(Vertx vertx, JsonObject jwk) {
    String kid = string(jwk, "kid");
    if (kid == null || kid.isEmpty() || kid.length() > 256) {
      throw new IllegalArgumentException("no usable kid");
    }
    String use = string(jwk, "use");
    if (use != null && !use.equals("sig")) {
      throw new IllegalArgumentException("use is " + use + ", not sig");
    }
    Object ops = jwk.getValue("key_ops");
    if (ops instanceof JsonArray && !((JsonArray) ops).contains("verify")) {
      throw new IllegalArgumentException("key_ops does not include verify");
    }
    String kty = string(jwk, "kty");
    if ("RSA".equals(kty)) {
      return rsa(vertx, kid, jwk);
    }
    if ("EC".equals(kty)) {
      return ec(vertx, kid, jwk);
    }
    throw new IllegalArgumentException("unsupported kty " + kty);
  }

  private static VerificationKey rsa(Vertx vertx, String kid, JsonObject jwk) {
    String alg = string(jwk, "alg") == null ? "RS256" : string(jwk, "alg");
    if (!alg.equals("RS256") && !alg.equals("RS384") && !alg.equals("RS512")) {
      throw new IllegalArgumentException("unsupported RSA alg " + alg);
    }
    BigInteger n = unsigned(jwk, "n");
    BigInteger e = unsigned(jwk, "e");
    if (n.bitLength() < MIN_RSA_BITS || n.bitLength() > MAX_RSA_BITS) {
      throw new IllegalArgumentException("RSA modulus of " + n.bitLength() + " bits (expected: " + MIN_RSA_BITS + ".."
          + MAX_RSA_BITS + ")");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
      throw new IllegalArgumentException("RSA exponent is not an odd number >= 3");
    }
    try {
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      return VerificationKey.rsa(vertx, kid, alg, key);
    } catch (IllegalArgumentException ex) {
      throw ex;
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw new IllegalArgumentException("RSA key rejected by the JDK or vertx-auth (" + ex.getClass().getSimpleName()
          + ")");
    }
  }

  private static VerificationKey ec(Vertx vertx, String kid, JsonObject jwk) {
    String crv = string(jwk, "crv");
    String[] curve = crv == null ? null : CURVES.get(crv);
    if (curve == null) {
      throw new IllegalArgumentException("unsupported EC curve " + crv);
    }
    String alg = string(jwk, "alg") == null ? curve[1] : string(jwk, "alg");
    if (!alg.equals(curve[1])) {
      throw new IllegalArgumentException("alg " + alg + " on curve " + crv + " (expected: " + curve[1] + ")");
    }
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(curve[0]));
      ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
      int fieldBytes = (spec.getCurve().getField().getFieldSize() + 7) / 8;
      ECPoint point = new ECPoint(coordinate(jwk, "x", fieldBytes), coordinate(jwk, "y", fieldBytes));
      requireOnCurve(point, spec.getCurve());
      ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
      return VerificationKey.ec(vertx, kid, alg, key);
    } catch (IllegalArgumentException ex) {
      throw ex;
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw new IllegalArgumentException("EC key rejected by the JDK or vertx-auth (" + ex.getClass().getSimpleName()
          + ")");
    }
  }

  /** Refuses a point that is not on the curve: the JDK's KeyFactory does not check it. */
  private static void requireOnCurve(ECPoint point, EllipticCurve curve) {
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new IllegalArgumentException("EC point coordinates out of range");
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    if (!left.equals(right)) {
      throw new IllegalArgumentException("EC point is not on curve");
    }
  }

  /** RFC 7518 section 6.2.1.2: x and y are exactly the field size, including leading zeros. */
  private static BigInteger coordinate(JsonObject jwk, String name, int fieldBytes) {
    byte[] bytes = bytes(jwk, name);
    if (bytes.length != fieldBytes) {
      throw new IllegalArgumentException("EC " + name + " of " + bytes.length + " bytes (expected: " + fieldBytes + ")");
    }
    return new BigInteger(1, bytes);
  }

  private static BigInteger unsigned(JsonObject jwk, String name) {
    return new BigInteger(1, bytes(jwk, name));
  }

  private static byte[] bytes(JsonObject jwk, String name) {
    String value = string(jwk, name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("missing " + name);
    }
    try {
      return BASE64URL.decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not base64url");
    }
  }

  private static String string(JsonObject jwk, String name) {
    Object value = jwk.getValue(name);
    return value instanceof String ? (String) value : null;
  }
}
