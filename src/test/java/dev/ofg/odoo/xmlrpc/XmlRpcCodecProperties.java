package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcClientRequestImpl;
import org.apache.xmlrpc.parser.XmlRpcResponseParser;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.util.SAXParsers;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Round-trips random JSON value trees through the codec against Apache's serializer and parser as
 * independent peers, and feeds the decoder random and mutated bytes.
 */
class XmlRpcCodecProperties {

  private static final int MAX_DEPTH = 4;

  private final XmlRpcCodec codec =
      XmlRpcCodec.create(XmlRpcCodecOptions.defaults().withResponseDialect(ResponseDialect.WITH_EXTENSIONS));
  private final XmlRpcClientConfigImpl apacheConfig = new XmlRpcClientConfigImpl();
  private final XmlRpcClient apache = new XmlRpcClient();

  XmlRpcCodecProperties() {
    apacheConfig.setEnabledForExtensions(true);
    apache.setConfig(apacheConfig);
  }

  @Property(tries = 300)
  void decodesWhatApachesSerializerWrites(@ForAll("apacheSafeTrees") Object value) throws Exception {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    new XmlRpcWriter(apacheConfig, apache.getXmlWriterFactory().getXmlWriter(apacheConfig, request),
        apache.getTypeFactory())
        .write(new XmlRpcClientRequestImpl(apacheConfig, "echo", new Object[] {toApache(value)}));

    XmlRpcCall call = codec.decodeCall(request.toByteArray());

    assertThat(call.methodName()).isEqualTo("echo");
    assertThat(canonical(call.params().getValue(0))).isEqualTo(canonical(value));
  }

  @Property(tries = 300)
  void apachesParserReadsWhatTheEncoderWrites(@ForAll("anyTrees") Object value) throws Exception {
    byte[] response = codec.encodeResponse(value).getBytes();

    XmlRpcResponseParser parser = new XmlRpcResponseParser(apacheConfig, apache.getTypeFactory());
    XMLReader reader = SAXParsers.newXMLReader();
    reader.setContentHandler(parser);
    reader.parse(new InputSource(new ByteArrayInputStream(response)));

    assertThat(parser.isSuccess()).isTrue();
    assertThat(canonical(parser.getResult())).isEqualTo(canonical(asXmlCarriesIt(value)));
  }

  @Property(tries = 300)
  void decoderReadsBackWhatTheEncoderWrites(@ForAll("anyTrees") Object value) {
    String response = codec.encodeResponse(value).toString();
    String params = response.substring(response.indexOf("<params>"), response.lastIndexOf("</params>") + 9);

    XmlRpcCall call = codec.decodeCall(
        ("<methodCall><methodName>echo</methodName>" + params + "</methodCall>").getBytes(StandardCharsets.UTF_8));

    assertThat(canonical(call.params().getValue(0))).isEqualTo(canonical(asXmlCarriesIt(value)));
  }

  @Property(tries = 1000)
  void randomBytesRaiseNothingButXmlRpcException(@ForAll @Size(max = 300) byte[] body) {
    assertDecodesOrRejects(body);
  }

  @Property(tries = 1000)
  void mutatedCallsRaiseNothingButXmlRpcException(@ForAll("mutatedCalls") byte[] body) {
    assertDecodesOrRejects(body);
  }

  private void assertDecodesOrRejects(byte[] body) {
    Throwable thrown = catchThrowable(() -> codec.decodeCall(body));
    if (thrown != null) {
      assertThat(thrown).isExactlyInstanceOf(XmlRpcException.class);
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedCalls() throws Exception {
    byte[] original = ApacheXmlRpcClientInteropTest.resource("apache-extensions-execute_kw-request.xml")
        .getBytes(StandardCharsets.UTF_8);
    Arbitrary<int[]> mutation = Combinators.combine(
        Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, original.length - 1),
        Arbitraries.integers().between(0, 255)).as((kind, at, b) -> new int[] {kind, at, b});
    return mutation.list().ofMinSize(1).ofMaxSize(8).map(mutations -> mutate(original, mutations));
  }

  private static byte[] mutate(byte[] original, List<int[]> mutations) {
    List<Byte> bytes = new ArrayList<>(original.length + mutations.size());
    for (byte b : original) {
      bytes.add(b);
    }
    for (int[] m : mutations) {
      int at = Math.min(m[1], bytes.size() - 1);
      switch (m[0]) {
        case 0 -> bytes.set(at, (byte) m[2]);
        case 1 -> bytes.add(at, (byte) m[2]);
        default -> bytes.remove(at);
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  @Provide
  Arbitrary<Object> apacheSafeTrees() {
    // ws-commons writes supplementary characters as surrogate references XML forbids, and line ends
    // are XML's to normalise: both are covered elsewhere.
    Arbitrary<String> text = Arbitraries.strings()
        .withCharRange('\u0020', '\uD7FF').withCharRange('\uE000', '\uFFFD').withChars('\t', '\n')
        .ofMaxLength(24);
    return tree(text, MAX_DEPTH);
  }

  @Provide
  Arbitrary<Object> anyTrees() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(24),
        Arbitraries.strings().withChars("\r\n\t\u0000\u0001&<>]\uFFFE\uD800\uDC00\uD834\uDD1Eab").ofMaxLength(24));
    return tree(text, MAX_DEPTH);
  }

  private Arbitrary<Object> tree(Arbitrary<String> text, int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        Arbitraries.integers().map(Object.class::cast),
        Arbitraries.longs().filter(l -> l != (int) (long) l).map(Object.class::cast),
        Arbitraries.doubles().map(Object.class::cast),
        Arbitraries.of(-0.0, 0.1, 1e16, 1e-5, Double.MAX_VALUE, Double.MIN_VALUE).map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        text.map(Object.class::cast)).injectNull(0.05);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> tree(text, depth - 1));
    Arbitrary<Object> array = inner.list().ofMaxSize(4).map(list -> new JsonArray(new ArrayList<>(list)));
    Arbitrary<Object> struct = Arbitraries.maps(text.filter(key -> key.length() <= 8), inner).ofMaxSize(4)
        .map(map -> new JsonObject(new LinkedHashMap<>(map)));
    return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, struct));
  }

  /** Converts JSON values to what Apache's serializer takes: Map, Object[] and boxed scalars. */
  private static Object toApache(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> map = new LinkedHashMap<>();
      o.getMap().forEach((k, v) -> map.put(k, toApache(v)));
      return map;
    }
    if (value instanceof JsonArray a) {
      return a.getList().stream().map(XmlRpcCodecProperties::toApache).toArray();
    }
    return value;
  }

  /**
   * Returns the value as any XML 1.0 parser hands it on: characters outside the Char production
   * dropped (the codec strips them, as Odoo strips control characters), then CR LF and lone CR read
   * as LF (XML 1.0 section 2.11); struct names that become equal keep the last value.
   */
  private static Object asXmlCarriesIt(Object value) {
    if (value instanceof String s) {
      return xmlText(s);
    }
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.getMap().forEach((k, v) -> out.put(xmlText(k), asXmlCarriesIt(v)));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(asXmlCarriesIt(v)));
      return out;
    }
    return value;
  }

  private static String xmlText(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && !Character.isSurrogate(c) && c < 0xFFFE)) {
        out.append(c);
      }
    }
    return out.toString().replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Renders a tree with its types spelled out, because JsonObject.equals takes 1 and 1.0 as equal. */
  private static Object canonical(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "int:" + ((Number) value).longValue();
    }
    if (value instanceof Double d) {
      return "double:" + d;
    }
    if (value instanceof Boolean || value instanceof String) {
      return value.getClass().getSimpleName() + ":" + value;
    }
    if (value instanceof JsonObject o) {
      return canonicalMap(o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      return canonicalMap(m);
    }
    if (value instanceof JsonArray a) {
      return a.getList().stream().map(XmlRpcCodecProperties::canonical).toList();
    }
    if (value instanceof Object[] array) {
      return java.util.Arrays.stream(array).map(XmlRpcCodecProperties::canonical).toList();
    }
    throw new AssertionError("unexpected " + value.getClass());
  }

  private static Map<String, Object> canonicalMap(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put((String) k, canonical(v)));
    return out;
  }
}
