package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes well-formed calls of every XML-RPC value type into Vert.x JSON values. */
class XmlRpcRequestDecodingTest {

  private final XmlRpcCodec codec = XmlRpcCodec.create();

  private static String call(String... values) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>echo</methodName><params>");
    for (String value : values) {
      xml.append("<param>").append(value).append("</param>");
    }
    return xml.append("</params></methodCall>").toString();
  }

  private Object decodeOne(String value) {
    return codec.decodeCall(call(value).getBytes(StandardCharsets.UTF_8)).params().getValue(0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "<value><int>42</int></value>|42",
      "<value><i4>-7</i4></value>|-7",
      "<value><int> +5 </int></value>|5",
      "<value><i8>2147483647</i8></value>|2147483647",
      "<value><ex:i1>1</ex:i1></value>|1",
      "<value><ex:i2>-300</ex:i2></value>|-300",
      "<value><int>-2147483648</int></value>|-2147483648"})
  void decodesIntegersThatFitInt32AsInteger(String value, int expected) {
    assertThat(decodeOne(value)).isInstanceOf(Integer.class).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "<value><i8>1099511627776</i8></value>|1099511627776",
      "<value><ex:i8>-9223372036854775808</ex:i8></value>|-9223372036854775808",
      "<value><int>2147483648</int></value>|2147483648",
      "<value><ex:biginteger>9223372036854775807</ex:biginteger></value>|9223372036854775807"})
  void decodesIntegersBeyondInt32AsLong(String value, long expected) {
    assertThat(decodeOne(value)).isInstanceOf(Long.class).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "<value><double>1234.56</double></value>|1234.56",
      "<value><double>1e+16</double></value>|1e16",
      "<value><double>1e-05</double></value>|1e-5",
      "<value><double>1.0E10</double></value>|1e10",
      "<value><double>.5</double></value>|0.5",
      "<value><double>-3.</double></value>|-3.0",
      "<value><ex:float>2.5</ex:float></value>|2.5"})
  void decodesDoublesAsWrittenByPythonAndJava(String value, double expected) {
    assertThat(decodeOne(value)).isInstanceOf(Double.class).isEqualTo(expected);
  }

  @Test
  void keepsTheSignOfNegativeZero() {
    assertThat((Double) decodeOne("<value><double>-0.0</double></value>")).isEqualTo(-0.0).isNegative();
  }

  @Test
  void decodesBigDecimalExtensionExactly() {
    assertThat(decodeOne("<value><ex:bigdecimal>1234567890.123456789</ex:bigdecimal></value>"))
        .isEqualTo(new BigDecimal("1234567890.123456789"));
  }

  @Test
  void decodesBooleans() {
    assertThat(decodeOne("<value><boolean>1</boolean></value>")).isEqualTo(true);
    assertThat(decodeOne("<value><boolean>0</boolean></value>")).isEqualTo(false);
  }

  @Test
  void decodesTypedAndUntypedStringsKeepingWhitespace() {
    assertThat(decodeOne("<value><string>  a  b  </string></value>")).isEqualTo("  a  b  ");
    assertThat(decodeOne("<value>  untyped  </value>")).isEqualTo("  untyped  ");
    assertThat(decodeOne("<value></value>")).isEqualTo("");
    assertThat(decodeOne("<value/>")).isEqualTo("");
    assertThat(decodeOne("<value><string/></value>")).isEqualTo("");
  }

  @Test
  void decodesEntitiesCharacterReferencesAndCdata() {
    assertThat(decodeOne("<value><string>a &amp; b &lt;c&gt; &quot;&apos; &#233;&#x20AC;</string></value>"))
        .isEqualTo("a & b <c> \"' é€");
    assertThat(decodeOne("<value><string><![CDATA[<raw & ]]>tail</string></value>")).isEqualTo("<raw & tail");
  }

  @Test
  void normalisesLineEndingsAsXmlRequires() {
    // XML 1.0 section 2.11: a parser hands CR LF and lone CR on as LF; Odoo's expat does the same.
    assertThat(decodeOne("<value><string>a\r\nb\rc</string></value>")).isEqualTo("a\nb\nc");
    assertThat(decodeOne("<value><string>a&#13;b</string></value>")).isEqualTo("a\rb");
  }

  @Test
  void decodesDateTimeToOdoosServerFormat() {
    assertThat(decodeOne("<value><dateTime.iso8601>20240131T23:59:58</dateTime.iso8601></value>"))
        .isEqualTo("2024-01-31 23:59:58");
    assertThat(decodeOne("<value><dateTime.iso8601>20240229T00:00:00</dateTime.iso8601></value>"))
        .isEqualTo("2024-02-29 00:00:00");
  }

  @Test
  void decodesBase64ToCanonicalBase64Text() {
    assertThat(decodeOne("<value><base64>\nAAFiaW5h\ncnn/\n</base64></value>")).isEqualTo("AAFiaW5hcnn/");
    assertThat(decodeOne("<value><base64></base64></value>")).isEqualTo("");
  }

  @Test
  void decodesNilInEitherSpelling() {
    assertThat(decodeOne("<value><nil/></value>")).isNull();
    assertThat(decodeOne("<value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>"))
        .isNull();
    JsonArray params = codec.decodeCall(call("<value><nil/></value>", "<value><int>1</int></value>")
        .getBytes(StandardCharsets.UTF_8)).params();
    assertThat(params.size()).isEqualTo(2);
    assertThat(params.hasNull(0)).isTrue();
  }

  @Test
  void decodesStructsInDocumentOrderWithLastDuplicateWinning() {
    Object struct = decodeOne("<value><struct>"
        + "<member><name>z</name><value><int>1</int></value></member>"
        + "<member><name>a</name><value><nil/></value></member>"
        + "<member><name>z</name><value><int>3</int></value></member>"
        + "<member><name></name><value>empty key</value></member>"
        + "</struct></value>");

    assertThat(struct).isEqualTo(new JsonObject().put("z", 3).putNull("a").put("", "empty key"));
    assertThat(((JsonObject) struct).fieldNames()).containsExactly("z", "a", "");
  }

  @Test
  void decodesNestedArraysAndStructs() {
    Object value = decodeOne("<value><array><data>"
        + "<value><array><data><value><int>0</int></value><value><int>0</int></value>"
        + "<value><struct><member><name>tax_ids</name><value><array><data>"
        + "<value><array><data><value><int>6</int></value><value><int>0</int></value>"
        + "<value><array><data><value><int>1</int></value></data></array></value></data></array></value>"
        + "</data></array></value></member></struct></value></data></array></value>"
        + "<value><array><data/></array></value>"
        + "<value><struct/></value>"
        + "</data></array></value>");

    assertThat(value).isEqualTo(new JsonArray()
        .add(new JsonArray().add(0).add(0).add(new JsonObject().put("tax_ids",
            new JsonArray().add(new JsonArray().add(6).add(0).add(new JsonArray().add(1))))))
        .add(new JsonArray())
        .add(new JsonObject()));
  }

  @Test
  void acceptsWhitespaceCommentsAndProcessingInstructionsBetweenElements() {
    XmlRpcCall call = codec.decodeCall(("<?xml version='1.0'?>\n<!-- a client comment -->\n<methodCall>\n"
        + "  <methodName>search</methodName>\n  <?pi data?>\n  <params>\n    <param>\n"
        + "      <value>\n  <int>1</int>\n  </value>\n    </param>\n  </params>\n</methodCall>\n<!-- trailing -->\n")
        .getBytes(StandardCharsets.UTF_8));

    assertThat(call.methodName()).isEqualTo("search");
    assertThat(call.params()).isEqualTo(new JsonArray().add(1));
  }

  @Test
  void decodesCallsWithoutOrWithEmptyParams() {
    assertThat(codec.decodeCall("<methodCall><methodName>version</methodName></methodCall>"
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(new XmlRpcCall("version", new JsonArray()));
    assertThat(codec.decodeCall("<methodCall><methodName>version</methodName><params/></methodCall>"
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(new XmlRpcCall("version", new JsonArray()));
  }

  @Test
  void honoursTheDeclaredEncoding() {
    byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodCall><methodName>m</methodName><params><param><value>caf\u00e9</value></param></params></methodCall>"
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(codec.decodeCall(latin1).params().getString(0)).isEqualTo("café");
  }

  @Test
  void decodesBuffersLikeByteArrays() {
    Buffer body = Buffer.buffer(call("<value><string>x</string></value>"));

    assertThat(codec.decodeCall(body).params()).isEqualTo(new JsonArray().add("x"));
  }

  @Test
  void decodesTheRequestPythonsXmlRpcClientSendsForExecuteKw() throws Exception {
    XmlRpcCall call = codec.decodeCall(
        ApacheXmlRpcClientInteropTest.resource("python-execute_kw-request.xml").getBytes(StandardCharsets.UTF_8));

    assertThat(call.methodName()).isEqualTo("execute_kw");
    assertThat(call.params()).isEqualTo(new JsonArray()
        .add("finance").add(2).add("s3cret").add("account.move").add("create")
        .add(new JsonArray().add(new JsonArray().add(new JsonObject()
            .put("move_type", "out_invoice")
            .put("partner_id", 7)
            .put("invoice_date", "2024-01-31 23:59:58")
            .putNull("narration")
            .put("ref", "INV <2024> & \"Q1\" é€\uD834\uDD1E")
            .put("amount", 1234.56)
            .put("to_check", false)
            .put("invoice_line_ids", new JsonArray().add(new JsonArray().add(0).add(0).add(new JsonObject()
                .put("name", "Consulting").put("quantity", 2.5).put("price_unit", 100.0)
                .put("tax_ids", new JsonArray().add(new JsonArray().add(6).add(0).add(new JsonArray().add(1).add(2)))))))
            .put("attachment", "AAFiaW5hcnn/")
            .put("empty", "")
            .put("nested", new JsonObject())
            .put("list", new JsonArray()))))
        .add(new JsonObject().put("context", new JsonObject()
            .put("lang", "en_US").put("tz", "Europe/Brussels").put("active_test", true))));
    // JsonObject.equals treats 7 and 7.0 alike, so the number types are checked one by one.
    JsonObject values = call.params().getJsonArray(5).getJsonArray(0).getJsonObject(0);
    assertThat(values.getValue("partner_id")).isInstanceOf(Integer.class);
    assertThat(values.getJsonArray("invoice_line_ids").getJsonArray(0).getJsonObject(2).getValue("price_unit"))
        .isInstanceOf(Double.class);
  }

  @Test
  void decodesTheRequestsApachesClientSendsWithAndWithoutExtensions() throws Exception {
    XmlRpcCall plain = codec.decodeCall(
        ApacheXmlRpcClientInteropTest.resource("apache-execute_kw-request.xml").getBytes(StandardCharsets.UTF_8));
    XmlRpcCall extended = codec.decodeCall(ApacheXmlRpcClientInteropTest
        .resource("apache-extensions-execute_kw-request.xml").getBytes(StandardCharsets.UTF_8));

    JsonObject expectedValues = new JsonObject()
        .put("move_type", "out_invoice")
        .put("partner_id", 7)
        .put("invoice_date", "2024-01-31 23:59:58")
        .put("ref", "INV <2024> & \"Q1\" é€漢")
        .put("amount", 1234.56)
        .put("to_check", false)
        .put("invoice_line_ids", new JsonArray().add(new JsonArray().add(0).add(0)
            .add(new JsonObject().put("name", "Consulting"))))
        .put("attachment", "AAFiaW7/")
        .put("empty", "")
        .put("nested", new JsonObject())
        .put("list", new JsonArray());
    JsonArray expected = new JsonArray().add("finance").add(2).add("s3cret").add("account.move").add("create")
        .add(new JsonArray().add(new JsonArray().add(expectedValues)))
        .add(new JsonObject().put("context", new JsonObject().put("lang", "en_US")));
    assertThat(plain).isEqualTo(new XmlRpcCall("execute_kw", expected));
    JsonArray expectedExtended = expected.copy();
    expectedExtended.getJsonArray(5).getJsonArray(0).getJsonObject(0).putNull("narration").put("big", 1L << 40);
    assertThat(extended).isEqualTo(new XmlRpcCall("execute_kw", expectedExtended));
    assertThat(extended.params().getJsonArray(5).getJsonArray(0).getJsonObject(0).getValue("big"))
        .isInstanceOf(Long.class);
  }

  @Test
  void neverShowsParametersInToString() {
    XmlRpcCall call = new XmlRpcCall("execute_kw", new JsonArray().add("db").add(2).add("s3cret"));

    assertThat(call.toString()).doesNotContain("s3cret").contains("execute_kw").contains("3 values");
  }
}
