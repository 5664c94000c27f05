package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes responses and faults in the exact shape of Odoo 18/19 (expected texts follow CPython's
 * {@code Marshaller} and Odoo's {@code dumps()} envelope; the Python interop test checks the same
 * against a live CPython).
 */
class XmlRpcResponseEncodingTest {

  private static final String HEAD = "<?xml version=\"1.0\"?>\n<methodResponse>\n";
  private static final String TAIL = "\n</methodResponse>\n";

  private final XmlRpcCodec odoo = XmlRpcCodec.create();
  private final XmlRpcCodec extended =
      XmlRpcCodec.create(XmlRpcCodecOptions.defaults().withResponseDialect(ResponseDialect.WITH_EXTENSIONS));

  private static String response(String value) {
    return HEAD + "<params>\n<param>\n" + value + "</param>\n</params>\n" + TAIL;
  }

  private static String fault(String code, String string) {
    return HEAD + "<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n" + code + "</member>\n"
        + "<member>\n<name>faultString</name>\n" + string + "</member>\n</struct></value>\n</fault>\n" + TAIL;
  }

  @Test
  void writesScalarsLikeOdoo() {
    assertThat(odoo.encodeResponse(42).toString()).isEqualTo(response("<value><int>42</int></value>\n"));
    assertThat(odoo.encodeResponse(true).toString()).isEqualTo(response("<value><boolean>1</boolean></value>\n"));
    assertThat(odoo.encodeResponse(1234.56).toString()).isEqualTo(response("<value><double>1234.56</double></value>\n"));
    assertThat(odoo.encodeResponse(1e16).toString()).isEqualTo(response("<value><double>1e+16</double></value>\n"));
    assertThat(odoo.encodeResponse("x").toString()).isEqualTo(response("<value><string>x</string></value>\n"));
  }

  @Test
  void writesEveryIntegralTypeWithinInt32AsInt() {
    assertThat(odoo.encodeResponse((short) 7).toString()).isEqualTo(response("<value><int>7</int></value>\n"));
    assertThat(odoo.encodeResponse((byte) -1).toString()).isEqualTo(response("<value><int>-1</int></value>\n"));
    assertThat(odoo.encodeResponse(2147483647L).toString()).isEqualTo(response("<value><int>2147483647</int></value>\n"));
    assertThat(odoo.encodeResponse(BigInteger.valueOf(-2147483648L)).toString())
        .isEqualTo(response("<value><int>-2147483648</int></value>\n"));
  }

  @Test
  void writesBigDecimalsAsTheDoubleOdooWouldHold() {
    assertThat(odoo.encodeResponse(new BigDecimal("1234.5600")).toString())
        .isEqualTo(response("<value><double>1234.56</double></value>\n"));
  }

  @Test
  void writesStructsAndArraysLikeOdoo() {
    JsonObject partner = new JsonObject()
        .put("id", 7)
        .put("company_id", new JsonArray().add(1).add("My Company"))
        .put("child_ids", new JsonArray())
        .put("ctx", new JsonObject());

    assertThat(odoo.encodeResponse(new JsonArray().add(partner)).toString()).isEqualTo(response(
        "<value><array><data>\n"
            + "<value><struct>\n"
            + "<member>\n<name>id</name>\n<value><int>7</int></value>\n</member>\n"
            + "<member>\n<name>company_id</name>\n<value><array><data>\n"
            + "<value><int>1</int></value>\n<value><string>My Company</string></value>\n"
            + "</data></array></value>\n</member>\n"
            + "<member>\n<name>child_ids</name>\n<value><array><data>\n</data></array></value>\n</member>\n"
            + "<member>\n<name>ctx</name>\n<value><struct>\n</struct></value>\n</member>\n"
            + "</struct></value>\n"
            + "</data></array></value>\n"));
  }

  @Test
  void acceptsPlainMapsAndListsInsideJsonValues() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("ids", List.of(1, 2));

    assertThat(odoo.encodeResponse(new JsonObject(map)).toString())
        .isEqualTo(odoo.encodeResponse(new JsonObject().put("ids", new JsonArray().add(1).add(2))).toString());
  }

  @Test
  void escapesMarkupAndStripsWhatXml10CannotCarry() {
    String nasty = "a<b>&c ]]> \u0000\u0001\u0008\u000B\u000C\u001F tab\t lf\n cr\r del\u007F"
        + " lone\uD800 \uDC00 pair\uD834\uDD1E nonchars\uFFFE\uFFFF end";

    String body = odoo.encodeResponse(new JsonObject().put("k\u0001<", nasty)).toString();

    assertThat(body).isEqualTo(response("<value><struct>\n<member>\n<name>k&lt;</name>\n"
        + "<value><string>a&lt;b&gt;&amp;c ]]&gt;  tab\t lf\n cr\r del\u007F lone  pair\uD834\uDD1E nonchars end"
        + "</string></value>\n</member>\n</struct></value>\n"));
  }

  @Test
  void mergesStructNamesThatOnlyDifferByDroppedCharactersKeepingTheLastValue() {
    JsonObject colliding = new JsonObject().put("ref\u0001", 1).put("name", 2).put("ref", 3);

    assertThat(odoo.encodeResponse(colliding).toString()).isEqualTo(response("<value><struct>\n"
        + "<member>\n<name>ref</name>\n<value><int>3</int></value>\n</member>\n"
        + "<member>\n<name>name</name>\n<value><int>2</int></value>\n</member>\n"
        + "</struct></value>\n"));
  }

  @Test
  void producesUtf8() {
    Buffer body = odoo.encodeResponse("€漢\uD834\uDD1E");

    assertThat(body.getBytes()).isEqualTo(response("<value><string>€漢\uD834\uDD1E</string></value>\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesBytesAndDatesAsStringsLikeOdoosMarshaller() {
    assertThat(odoo.encodeResponse("iVBORw0K".getBytes(StandardCharsets.US_ASCII)).toString())
        .isEqualTo(response("<value><string>iVBORw0K</string></value>\n"));
    assertThat(odoo.encodeResponse(Buffer.buffer("aGk=")).toString())
        .isEqualTo(response("<value><string>aGk=</string></value>\n"));
    assertThat(odoo.encodeResponse(Instant.parse("2024-01-31T23:59:58.987Z")).toString())
        .isEqualTo(response("<value><string>2024-01-31 23:59:58</string></value>\n"));
    assertThat(odoo.encodeResponse(LocalDateTime.of(2024, 2, 29, 8, 5, 0)).toString())
        .isEqualTo(response("<value><string>2024-02-29 08:05:00</string></value>\n"));
    assertThat(odoo.encodeResponse(LocalDate.of(2024, 12, 31)).toString())
        .isEqualTo(response("<value><string>2024-12-31</string></value>\n"));
  }

  @Test
  void answersNullWithOdoosTypeErrorFaultOnEachEndpoint() {
    assertThat(odoo.encodeResponse(null).toString()).isEqualTo(fault("<value><int>1</int></value>\n",
        "<value><string>TypeError: cannot marshal None unless allow_none is enabled\n</string></value>\n"));
    assertThat(odoo.encodeResponse(new JsonObject().putNull("x"), XmlRpcEndpoint.XMLRPC_LEGACY).toString())
        .isEqualTo(fault(
            "<value><string>cannot marshal None unless allow_none is enabled</string></value>\n",
            "<value><string>TypeError: cannot marshal None unless allow_none is enabled\n</string></value>\n"));
  }

  @Test
  void answersIntegersBeyond32BitsWithOdoosOverflowFault() {
    String overflow = fault("<value><int>1</int></value>\n",
        "<value><string>OverflowError: int exceeds XML-RPC limits\n</string></value>\n");

    assertThat(odoo.encodeResponse(2147483648L).toString()).isEqualTo(overflow);
    assertThat(odoo.encodeResponse(new JsonArray().add(1).add(-2147483649L)).toString()).isEqualTo(overflow);
    assertThat(odoo.encodeResponse(BigInteger.TWO.pow(100)).toString()).isEqualTo(overflow);
  }

  @Test
  void answersNonStringKeysAndUndecodableBytesWithOdoosFaults() {
    assertThat(odoo.encodeResponse(Map.of(1, "one")).toString()).isEqualTo(fault("<value><int>1</int></value>\n",
        "<value><string>TypeError: dictionary key must be string\n</string></value>\n"));
    assertThat(odoo.encodeResponse(new byte[] {(byte) 0xff}).toString()).contains("UnicodeDecodeError");
  }

  @Test
  void extendedDialectWritesNilAndWideIntegersWithApacheTags() {
    String head = "<?xml version=\"1.0\"?>\n"
        + "<methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">\n<params>\n<param>\n";

    assertThat(extended.encodeResponse(new JsonArray().addNull().add(1L << 40).add(BigInteger.TWO.pow(64))
        .add(5L)).toString()).isEqualTo(head
        + "<value><array><data>\n<value><ex:nil/></value>\n<value><ex:i8>1099511627776</ex:i8></value>\n"
        + "<value><ex:biginteger>18446744073709551616</ex:biginteger></value>\n<value><int>5</int></value>\n"
        + "</data></array></value>\n</param>\n</params>\n" + TAIL);
  }

  @Test
  void writesFaultsWithIntegerOrStringCodes() {
    assertThat(odoo.encodeFault(2, "Post it first & <now>").toString()).isEqualTo(fault(
        "<value><int>2</int></value>\n", "<value><string>Post it first &amp; &lt;now&gt;</string></value>\n"));
    assertThat(odoo.encodeFault(XmlRpcFault.of("AccessDenied", "Access Denied")).toString()).isEqualTo(fault(
        "<value><string>AccessDenied</string></value>\n", "<value><string>Access Denied</string></value>\n"));
  }

  @Test
  void encodesOdooErrorsThroughTheDefaultMapper() {
    assertThat(odoo.encodeOdooError(OdooError.of("odoo.exceptions.AccessError", "No."), XmlRpcEndpoint.XMLRPC_2)
        .toString()).isEqualTo(odoo.encodeFault(4, "No.").toString());
  }

  @Test
  void refusesValuesThatAreNotJson() {
    assertThatThrownBy(() -> odoo.encodeResponse(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot marshal java.lang.Object (expected: a Vert.x JSON value)");
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertThatThrownBy(() -> odoo.encodeResponse(cyclic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot marshal a value that contains itself");
  }

  @Test
  void allowsTheSameContainerTwiceWhenItIsNotACycle() {
    JsonArray shared = new JsonArray().add(1);

    assertThat(odoo.encodeResponse(new JsonArray().add(shared).add(shared)).toString())
        .isEqualTo(response("<value><array><data>\n"
            + "<value><array><data>\n<value><int>1</int></value>\n</data></array></value>\n"
            + "<value><array><data>\n<value><int>1</int></value>\n</data></array></value>\n"
            + "</data></array></value>\n"));
  }

  @Test
  void advertisesOdoosContentType() {
    assertThat(XmlRpcCodec.CONTENT_TYPE).isEqualTo("text/xml; charset=utf-8");
  }
}
