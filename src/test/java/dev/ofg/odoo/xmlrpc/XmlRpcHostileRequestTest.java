package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ofg.odoo.xmlrpc.XmlRpcException.Code;
import io.vertx.core.buffer.Buffer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refuses hostile, malformed and oversized request bodies with XmlRpcException and nothing else. */
class XmlRpcHostileRequestTest {

  private static final String EXTENSIONS = "xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"";

  private final XmlRpcCodec codec = XmlRpcCodec.create();

  private static String call(String value) {
    return "<methodCall><methodName>echo</methodName><params><param>" + value + "</param></params></methodCall>";
  }

  private static XmlRpcException rejection(XmlRpcCodec codec, String body) {
    return rejection(codec, body.getBytes(StandardCharsets.UTF_8));
  }

  private static XmlRpcException rejection(XmlRpcCodec codec, byte[] body) {
    Throwable thrown = catchThrowable(() -> codec.decodeCall(body));
    assertThat(thrown).isExactlyInstanceOf(XmlRpcException.class);
    return (XmlRpcException) thrown;
  }

  private static XmlRpcCodec codecWith(int maxBytes, int maxDepth, int maxElements, int maxText) {
    return XmlRpcCodec.create(new XmlRpcCodecOptions(
        maxBytes, maxDepth, maxElements, maxText, XmlRpcCodecOptions.DEFAULT_RESPONSE_DIALECT));
  }

  @Test
  void rejectsInternalEntityDeclarations() {
    XmlRpcException e = rejection(codec, "<!DOCTYPE methodCall [<!ENTITY name \"expanded\">]>"
        + call("<value><string>&name;</string></value>"));

    assertThat(e.code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @Test
  void neverReadsAFileThroughAnExternalEntity(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");

    XmlRpcException e = rejection(codec, "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \""
        + secret.toUri() + "\">]>" + call("<value><string>&xxe;</string></value>"));

    assertThat(e.code()).isEqualTo(Code.XMLRPC_MALFORMED);
    assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
  }

  @Test
  void neverFetchesAnExternalDtdOrParameterEntity() throws Exception {
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      listener.configureBlocking(false);
      String url = "http://127.0.0.1:" + listener.socket().getLocalPort() + "/evil.dtd";

      XmlRpcException external = rejection(codec, "<!DOCTYPE methodCall SYSTEM \"" + url + "\">" + call("<value/>"));
      XmlRpcException parameter = rejection(codec,
          "<!DOCTYPE methodCall [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>" + call("<value/>"));

      assertThat(external.code()).isEqualTo(Code.XMLRPC_MALFORMED);
      assertThat(parameter.code()).isEqualTo(Code.XMLRPC_MALFORMED);
      // Decoding is synchronous: a fetch would already sit in the listener's backlog.
      assertThat(listener.accept()).isNull();
    }
  }

  @Test
  void rejectsBillionLaughsBeforeExpandingAnything() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE methodCall [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String previous = "&lol" + (i - 1) + ";";
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
    }
    dtd.append("]>");

    XmlRpcException e = rejection(codec, dtd + call("<value><string>&lol9;</string></value>"));

    assertThat(e.code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @Test
  void rejectsABareDoctype() {
    assertThat(rejection(codec, "<!DOCTYPE methodCall>" + call("<value/>")).getMessage())
        .contains("DOCTYPE is not allowed");
  }

  @Test
  void rejectsBodiesLargerThanTheLimitBeforeParsing() {
    XmlRpcCodec small = codecWith(100, 128, 1000, 1000);
    String body = call("<value><string>" + "x".repeat(200) + "</string></value>");

    XmlRpcException fromBytes = rejection(small, body);
    Throwable fromBuffer = catchThrowable(() -> small.decodeCall(Buffer.buffer(body)));

    assertThat(fromBytes.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(fromBytes.getMessage()).isEqualTo("request body: " + body.length() + " bytes (limit: 100)");
    assertThat(fromBuffer).isInstanceOf(XmlRpcException.class).hasMessage(fromBytes.getMessage());
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    XmlRpcCodec shallow = codecWith(1 << 20, 20, 1000, 1000);
    String nested = "<value><array><data>".repeat(6) + "</data></array></value>".repeat(6);

    XmlRpcException e = rejection(shallow, call(nested));

    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.getMessage()).isEqualTo("element nesting exceeds 20");
  }

  @Test
  void rejectsAHundredThousandLevelsQuicklyWithoutOverflowingTheStack() {
    String nested = "<value><array><data>".repeat(100_000);

    XmlRpcException e = rejection(codec, call(nested));

    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
  }

  @Test
  void rejectsMoreElementsThanTheLimit() {
    XmlRpcCodec few = codecWith(1 << 20, 128, 50, 1000);
    String params = "<param><value><int>1</int></value></param>".repeat(20);

    XmlRpcException e = rejection(few,
        "<methodCall><methodName>m</methodName><params>" + params + "</params></methodCall>");

    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.getMessage()).isEqualTo("element count exceeds 50");
  }

  @Test
  void rejectsTextLongerThanTheLimit() {
    XmlRpcCodec shortTexts = codecWith(1 << 20, 128, 1000, 64);

    assertThat(rejection(shortTexts, call("<value><string>" + "x".repeat(65) + "</string></value>")).code())
        .isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(rejection(shortTexts, call("<value>" + "y".repeat(65) + "</value>")).code())
        .isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(rejection(shortTexts, "<methodCall><methodName>" + "m".repeat(65) + "</methodName></methodCall>")
        .code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(shortTexts.decodeCall(call("<value><string>" + "x".repeat(64) + "</string></value>")
        .getBytes(StandardCharsets.UTF_8)).params().getString(0)).hasSize(64);
  }

  @Test
  void rejectsNumbersTooLongToParseCheaply() {
    assertThat(rejection(codec, call("<value><int>" + "9".repeat(5000) + "</int></value>")).code())
        .isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(rejection(codec, call("<value><ex:bigdecimal " + EXTENSIONS + ">1" + "0".repeat(5000)
        + "</ex:bigdecimal></value>")).code()).isEqualTo(Code.LIMIT_EXCEEDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "not xml at all",
      "<methodCall>",
      "<methodCall><methodName>m</methodName>",
      "<methodCall><methodName>m</methodName></methodCall><methodCall/>",
      "<methodCall><methodName>m</methodName></methodCall>trailing junk",
      "<methodCall><methodName>m</methodName></methodResponse>",
      "<methodCall><methodName>m</methodName><params><param><value><int>1</value></int></param></params></methodCall>",
      "<methodCall><methodName>a&b</methodName></methodCall>",
      "<methodCall><methodName>&#0;</methodName></methodCall>",
      "<methodCall><methodName>&#55348;&#56606;</methodName></methodCall>",
      "<methodCall><methodName>\u0001</methodName></methodCall>",
      "<methodCall><methodName>&undeclared;</methodName></methodCall>",
      "<methodCall attr=\"1\" attr=\"2\"><methodName>m</methodName></methodCall>",
      "<?xml version=\"1.0\" encoding=\"no-such-charset\"?><methodCall><methodName>m</methodName></methodCall>"})
  void rejectsXmlThatIsNotWellFormed(String body) {
    assertThat(rejection(codec, body).code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @Test
  void rejectsBytesThatAreNotTheDeclaredEncoding() {
    byte[] invalidUtf8 = {'<', 'm', 'e', 't', 'h', 'o', 'd', 'C', 'a', 'l', 'l', '>', (byte) 0xC3, (byte) 0x28, '<'};
    byte[] truncated = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', (byte) 0xF0, (byte) 0x9F};

    assertThat(rejection(codec, invalidUtf8).code()).isEqualTo(Code.XMLRPC_MALFORMED);
    assertThat(rejection(codec, truncated).code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<methodResponse><params/></methodResponse>",
      "<methodCall><params/></methodCall>",
      "<methodCall><methodName>m</methodName><params><value><int>1</int></value></params></methodCall>",
      "<methodCall><methodName>m</methodName><params>text</params></methodCall>",
      "<methodCall><methodName>m</methodName><params><param></param></params></methodCall>",
      "<methodCall><methodName>m</methodName><params><param><value/><value/></param></params></methodCall>",
      "<methodCall><methodName><b>m</b></methodName></methodCall>",
      "<methodCall><methodName>m</methodName><extra/></methodCall>"})
  void rejectsDocumentsThatAreNotAnXmlRpcCall(String body) {
    assertThat(rejection(codec, body).code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<value><foo>1</foo></value>",
      "<value><dateTime>2024-01-31T10:00:00</dateTime></value>",
      "<value><ex:dom " + EXTENSIONS + "><a/></ex:dom></value>",
      "<value><ex:serializable " + EXTENSIONS + ">rO0ABXQAAWE=</ex:serializable></value>",
      "<value><struct><value><int>1</int></value></struct></value>",
      "<value><struct><member><value><int>1</int></value><name>a</name></member></struct></value>",
      "<value><struct><member><name>a</name></member></struct></value>",
      "<value><struct><member><name>a</name><value/><value/></member></struct></value>",
      "<value><array><value><int>1</int></value></array></value>",
      "<value><array><data><int>1</int></data></array></value>",
      "<value><array><data/><data/></array></value>",
      "<value>text<int>1</int></value>",
      "<value><int>1</int>text</value>",
      "<value><int>1</int><int>2</int></value>",
      "<value><nil>x</nil></value>",
      "<value><int><int>1</int></int></value>"})
  void rejectsUnknownTypesAndMisshapenValues(String value) {
    assertThat(rejection(codec, call(value)).code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<value><int></int></value>",
      "<value><int>12a</int></value>",
      "<value><int>1.5</int></value>",
      "<value><int>0x10</int></value>",
      "<value><int>1_000</int></value>",
      "<value><int>- 1</int></value>",
      "<value><i8>9223372036854775808</i8></value>",
      "<value><int>-99999999999999999999</int></value>",
      "<value><boolean>true</boolean></value>",
      "<value><boolean> 1</boolean></value>",
      "<value><boolean>2</boolean></value>",
      "<value><boolean></boolean></value>",
      "<value><double>abc</double></value>",
      "<value><double>inf</double></value>",
      "<value><double>nan</double></value>",
      "<value><double>1e999</double></value>",
      "<value><double>1e</double></value>",
      "<value><double></double></value>",
      "<value><ex:bigdecimal " + EXTENSIONS + ">1e99999</ex:bigdecimal></value>",
      "<value><dateTime.iso8601>2024-01-31T10:00:00</dateTime.iso8601></value>",
      "<value><dateTime.iso8601>20241331T10:00:00</dateTime.iso8601></value>",
      "<value><dateTime.iso8601>20240230T10:00:00</dateTime.iso8601></value>",
      "<value><dateTime.iso8601>20240131T24:00:00</dateTime.iso8601></value>",
      "<value><dateTime.iso8601> 20240131T10:00:00</dateTime.iso8601></value>",
      "<value><base64>A</base64></value>",
      "<value><base64>AB=C</base64></value>"})
  void rejectsInvalidScalarText(String value) {
    assertThat(rejection(codec, call(value)).code()).isEqualTo(Code.XMLRPC_MALFORMED);
  }

  @Test
  void keepsRejectionMessagesShortWhateverTheInput() {
    String longName = "x".repeat(900);
    String tooLongForTheJdk = "y".repeat(10_000);

    XmlRpcException ours = rejection(codec, call("<value><" + longName + ">1</" + longName + "></value>"));
    XmlRpcException jdks = rejection(codec, call("<value><" + tooLongForTheJdk + "/></value>"));

    assertThat(ours.getMessage()).hasSizeLessThan(100).startsWith("unknown value type <xxxx");
    assertThat(jdks.getMessage()).hasSizeLessThan(250).doesNotContain("yyyyyyyyyy");
    assertThat(ours.getStackTrace()).isEmpty();
  }
}
