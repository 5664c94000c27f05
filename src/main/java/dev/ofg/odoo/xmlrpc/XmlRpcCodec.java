package dev.ofg.odoo.xmlrpc;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * Decodes XML-RPC calls and encodes responses and faults exactly as Odoo's {@code /xmlrpc/2/} and
 * {@code /xmlrpc/} endpoints do, with Vert.x JSON types on the inside.
 *
 * <p>Thread-safe; create one per options and share it. Decoding and encoding are synchronous, CPU-bound
 * and linear in the body size (bounded by {@link XmlRpcCodecOptions#maxRequestBytes()} on the way in):
 * a few kilobytes cost microseconds, but a multi-megabyte attachment or a large {@code search_read}
 * result costs hundreds of milliseconds, so hand bodies beyond a few hundred KiB to a worker
 * ({@code executeBlocking}) instead of an event loop.
 *
 * <p>Values the encoder takes: {@code null}, {@link String}, {@link Boolean}, {@link Integer},
 * {@link Long}, {@link Short}, {@link Byte}, {@link java.math.BigInteger}, {@link Double},
 * {@link Float}, {@link java.math.BigDecimal} (as a double, like every Odoo float),
 * {@link io.vertx.core.json.JsonObject} or {@link java.util.Map} with string keys (struct),
 * {@link io.vertx.core.json.JsonArray} or {@link java.util.List} (array), and, written as strings as
 * Odoo's marshaller does, {@code byte[]}/{@link Buffer} (UTF-8 text, e.g. base64 of a binary field),
 * {@link java.time.Instant}/{@link java.time.LocalDateTime} ({@code yyyy-MM-dd HH:mm:ss}, UTC) and
 * {@link java.time.LocalDate} ({@code yyyy-MM-dd}). Anything else is a programming error:
 * {@link IllegalArgumentException}.
 */
public final class XmlRpcCodec {

  /** The media type of every Odoo XML-RPC answer (werkzeug adds the charset to {@code text/xml}). */
  public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private final XmlRpcCodecOptions options;
  private final XmlRpcRequestDecoder decoder;
  private final XmlRpcResponseEncoder encoder;

  private XmlRpcCodec(XmlRpcCodecOptions options) {
    this.options = options;
    this.decoder = new XmlRpcRequestDecoder(options);
    this.encoder = new XmlRpcResponseEncoder(options.responseDialect());
  }

  /** Returns a codec with the given options. */
  public static XmlRpcCodec create(XmlRpcCodecOptions options) {
    return new XmlRpcCodec(Objects.requireNonNull(options, "options"));
  }

  /** Returns a codec with {@link XmlRpcCodecOptions#defaults()}. */
  public static XmlRpcCodec create() {
    return create(XmlRpcCodecOptions.defaults());
  }

  /** Returns the options. */
  public XmlRpcCodecOptions options() {
    return options;
  }

  /**
   * Decodes a {@code methodCall} request body.
   *
   * @throws XmlRpcException if the body is not an XML-RPC call or exceeds a limit; nothing else
   */
  public XmlRpcCall decodeCall(Buffer body) {
    Objects.requireNonNull(body, "body");
    if (body.length() > options.maxRequestBytes()) {
      // Checked before copying the bytes out of the buffer.
      throw XmlRpcException.limitExceeded(
          "request body: " + body.length() + " bytes (limit: " + options.maxRequestBytes() + ")");
    }
    return decoder.decode(body.getBytes());
  }

  /**
   * Decodes a {@code methodCall} request body.
   *
   * @throws XmlRpcException if the body is not an XML-RPC call or exceeds a limit; nothing else
   */
  public XmlRpcCall decodeCall(byte[] body) {
    return decoder.decode(Objects.requireNonNull(body, "body"));
  }

  /** Encodes a successful result for {@code /xmlrpc/2/}; see {@link #encodeResponse(Object, XmlRpcEndpoint)}. */
  public Buffer encodeResponse(Object value) {
    return encodeResponse(value, XmlRpcEndpoint.XMLRPC_2);
  }

  /**
   * Encodes a result as a {@code methodResponse} with one param. With the {@code ODOO} dialect, a
   * result Odoo could not marshal ({@code null}, an integer beyond 32 bits) yields the fault Odoo sends
   * instead, shaped for {@code endpoint}.
   *
   * @throws IllegalArgumentException for a value of a type listed nowhere above, or a cycle
   */
  public Buffer encodeResponse(Object value, XmlRpcEndpoint endpoint) {
    return encoder.response(value, Objects.requireNonNull(endpoint, "endpoint"));
  }

  /** Encodes a fault with an integer code, as {@code /xmlrpc/2/} sends. */
  public Buffer encodeFault(int faultCode, String faultString) {
    return encodeFault(XmlRpcFault.of(faultCode, faultString));
  }

  /** Encodes a fault. */
  public Buffer encodeFault(XmlRpcFault fault) {
    return encoder.fault(Objects.requireNonNull(fault, "fault"));
  }

  /** Encodes the fault Odoo sends for an exception it raised, shaped for {@code endpoint}. */
  public Buffer encodeOdooError(OdooError error, XmlRpcEndpoint endpoint) {
    return encodeFault(OdooFaultMapper.DEFAULT.toFault(error, endpoint));
  }
}
