package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.URL;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls the codec, served over HTTP, with Apache XML-RPC 3.1.3 as the independent client. */
@ExtendWith(VertxExtension.class)
class ApacheXmlRpcClientInteropTest {

  private XmlRpcEchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = XmlRpcEchoServer.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private XmlRpcClient client(String dialect, String endpointPath, boolean extensions) throws Exception {
    XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
    config.setServerURL(new URL(server.url(dialect, endpointPath)));
    config.setEnabledForExtensions(extensions);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setConnectionTimeout(10_000);
    config.setReplyTimeout(10_000);
    XmlRpcClient client = new XmlRpcClient();
    client.setConfig(config);
    return client;
  }

  private Object echo(XmlRpcClient client, Object value) throws XmlRpcException {
    return client.execute("echo", new Object[] {value});
  }

  @Test
  void roundTripsPlainXmlRpcScalarsWithoutExtensions() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);

    assertThat(echo(client, 0)).isEqualTo(0);
    assertThat(echo(client, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(echo(client, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(echo(client, true)).isEqualTo(true);
    assertThat(echo(client, false)).isEqualTo(false);
    assertThat(echo(client, 1234.56)).isEqualTo(1234.56);
    assertThat(echo(client, 0.1)).isEqualTo(0.1);
    assertThat(echo(client, 1e300)).isEqualTo(1e300);
    assertThat(echo(client, -2.5e-300)).isEqualTo(-2.5e-300);
    assertThat(echo(client, "")).isEqualTo("");
    assertThat(echo(client, "Grüße € 漢字 <tag> & \"quotes\" 'apostrophes'"))
        .isEqualTo("Grüße € 漢字 <tag> & \"quotes\" 'apostrophes'");
    assertThat(echo(client, "  leading and trailing  ")).isEqualTo("  leading and trailing  ");

    assertThat(server.calls).extracting(call -> call.params().getValue(0)).containsExactly(
        0, Integer.MAX_VALUE, Integer.MIN_VALUE, true, false, 1234.56, 0.1, 1e300, -2.5e-300, "",
        "Grüße € 漢字 <tag> & \"quotes\" 'apostrophes'", "  leading and trailing  ");
  }

  @Test
  void turnsBase64AndDatesIntoTheStringsOdooWorksWith() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    utc.clear();
    utc.set(2024, Calendar.JANUARY, 31, 23, 59, 58);

    Object base64 = echo(client, new byte[] {0, 1, 'b', 'i', 'n', (byte) 0xff});
    Object date = echo(client, utc.getTime());

    assertThat(base64).isEqualTo("AAFiaW7/");
    assertThat(date).isEqualTo("2024-01-31 23:59:58");
  }

  @Test
  void roundTripsNestedStructsAndArrays() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("name", "Consulting");
    line.put("quantity", 2.5);
    line.put("tax_ids", new Object[] {new Object[] {6, 0, new Object[] {1, 2}}});
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("partner_id", 7);
    values.put("invoice_line_ids", new Object[] {new Object[] {0, 0, line}});
    values.put("empty_struct", new HashMap<>());
    values.put("empty_array", new Object[0]);

    Object result = echo(client, values);

    assertThat(result).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) result;
    assertThat(map.get("partner_id")).isEqualTo(7);
    assertThat(map.get("empty_struct")).isEqualTo(Map.of());
    assertThat((Object[]) map.get("empty_array")).isEmpty();
    Object[] command = (Object[]) ((Object[]) map.get("invoice_line_ids"))[0];
    assertThat(command[0]).isEqualTo(0);
    assertThat(((Map<?, ?>) command[2]).get("quantity")).isEqualTo(2.5);
    JsonObject decoded = (JsonObject) server.calls.peek().params().getValue(0);
    assertThat(decoded.getJsonArray("invoice_line_ids")).isEqualTo(new JsonArray()
        .add(new JsonArray().add(0).add(0).add(new JsonObject()
            .put("name", "Consulting")
            .put("quantity", 2.5)
            .put("tax_ids", new JsonArray().add(new JsonArray().add(6).add(0).add(new JsonArray().add(1).add(2)))))));
    assertThat(decoded.fieldNames()).containsExactly("partner_id", "invoice_line_ids", "empty_struct", "empty_array");
  }

  @Test
  void carriesNilAndI8BothWaysWhenExtensionsAreOnBothSides() throws Exception {
    XmlRpcClient client = client("ext", "/xmlrpc/2/object", true);

    assertThat(echo(client, null)).isNull();
    assertThat(echo(client, 1L << 40)).isEqualTo(1L << 40);
    assertThat(echo(client, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);

    assertThat(server.calls).extracting(call -> call.params().getValue(0))
        .containsExactly(null, 1L << 40, Long.MIN_VALUE);
  }

  @Test
  void answersNullAndBigIntegerResultsWithOdoosMarshallingFaults() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", true);

    XmlRpcException none = catchThrowableOfType(XmlRpcException.class, () -> echo(client, null));
    XmlRpcException big = catchThrowableOfType(XmlRpcException.class, () -> echo(client, 1L << 40));

    assertThat(none.code).isEqualTo(1);
    assertThat(none.getMessage()).isEqualTo("TypeError: cannot marshal None unless allow_none is enabled\n");
    assertThat(big.code).isEqualTo(1);
    assertThat(big.getMessage()).isEqualTo("OverflowError: int exceeds XML-RPC limits\n");
  }

  @Test
  void raisesFaultsWithOdoosCodesAndMessages() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);

    assertThat(fault(client, "odoo.exceptions.UserError", "Post the invoice first."))
        .isEqualTo("2|Post the invoice first.");
    assertThat(fault(client, "odoo.exceptions.ValidationError", "The IBAN is invalid."))
        .isEqualTo("2|The IBAN is invalid.");
    assertThat(fault(client, "odoo.exceptions.MissingError", "Record does not exist or has been deleted."))
        .isEqualTo("2|Record does not exist or has been deleted.");
    assertThat(fault(client, "odoo.exceptions.AccessDenied", "Access Denied"))
        .isEqualTo("3|Access Denied");
    assertThat(fault(client, "odoo.exceptions.AccessError", "You are not allowed to modify 'Journal Entry'."))
        .isEqualTo("4|You are not allowed to modify 'Journal Entry'.");
    assertThat(fault(client, "builtins.ValueError", "Invalid field 'foo' on model 'res.partner'"))
        .isEqualTo("1|ValueError: Invalid field 'foo' on model 'res.partner'\n");
    XmlRpcException redirect = catchThrowableOfType(XmlRpcException.class,
        () -> client.execute("raise_redirect", new Object[] {"Configure a journal."}));
    assertThat(redirect.code + "|" + redirect.getMessage()).isEqualTo("2|('Configure a journal.', 42, 'Go', None)");
  }

  private static String fault(XmlRpcClient client, String className, String message) {
    XmlRpcException fault = catchThrowableOfType(XmlRpcException.class,
        () -> client.execute("raise", new Object[] {className, message}));
    return fault.code + "|" + fault.getMessage();
  }

  @Test
  void stripsControlCharactersFromResultsLikeOdoo() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);

    assertThat(client.execute("control_chars", new Object[0])).isEqualTo("abc\tde");
  }

  @Test
  void answersAFaultWhenApacheEscapesASupplementaryCharacterAsSurrogateReferences() throws Exception {
    // ws-commons-util writes U+1D11E as "&#55348;&#56606;", which XML 1.0 forbids; Odoo's expat
    // parser refuses it as well, with fault 1.
    XmlRpcClient client = client("odoo", "/xmlrpc/2/object", false);

    XmlRpcException fault = catchThrowableOfType(XmlRpcException.class, () -> echo(client, "clef \uD834\uDD1E"));

    assertThat(fault.code).isEqualTo(1);
    assertThat(fault.getMessage()).startsWith("XMLRPC_MALFORMED: not well-formed XML");
    assertThat(server.bodies.peek().toString()).contains("&#55348;&#56606;");
  }

  @Test
  void legacyEndpointSendsStringFaultCodesThatApacheCannotRead() throws Exception {
    XmlRpcClient client = client("odoo", "/xmlrpc/object", false);

    Throwable failure = catchThrowable(
        () -> client.execute("raise", new Object[] {"odoo.exceptions.UserError", "Nope"}));

    // Apache's XmlRpcResponseParser casts faultCode to Integer: Java clients must use /xmlrpc/2/.
    assertThat(failure).isInstanceOf(ClassCastException.class);
    assertThat(server.calls).hasSize(1);
  }

  @Test
  void capturedApacheRequestsAreWhatTheClientSendsToday() throws Exception {
    executeCapturedCall(client("odoo", "/xmlrpc/2/object", false), false);
    executeCapturedCall(client("odoo", "/xmlrpc/2/object", true), true);

    assertThat(server.bodies).extracting(body -> body.toString())
        .containsExactly(resource("apache-execute_kw-request.xml"), resource("apache-extensions-execute_kw-request.xml"));
  }

  /** Repeats the call whose request bodies were captured into the test resources. */
  private static void executeCapturedCall(XmlRpcClient client, boolean extensions) throws XmlRpcException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    utc.clear();
    utc.set(2024, Calendar.JANUARY, 31, 23, 59, 58);
    Map<String, Object> vals = new LinkedHashMap<>();
    vals.put("move_type", "out_invoice");
    vals.put("partner_id", 7);
    vals.put("invoice_date", utc.getTime());
    vals.put("ref", "INV <2024> & \"Q1\" é€漢");
    vals.put("amount", 1234.56);
    vals.put("to_check", false);
    vals.put("invoice_line_ids", new Object[] {new Object[] {0, 0, Map.of("name", "Consulting")}});
    vals.put("attachment", new byte[] {0, 1, 'b', 'i', 'n', (byte) 0xff});
    vals.put("empty", "");
    vals.put("nested", new HashMap<>());
    vals.put("list", new Object[0]);
    if (extensions) {
      vals.put("narration", null);
      vals.put("big", 1L << 40);
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("context", Map.of("lang", "en_US"));
    client.execute("execute_kw",
        new Object[] {"finance", 2, "s3cret", "account.move", "create", new Object[] {new Object[] {vals}}, kwargs});
  }

  static String resource(String name) throws Exception {
    try (InputStream in = ApacheXmlRpcClientInteropTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
