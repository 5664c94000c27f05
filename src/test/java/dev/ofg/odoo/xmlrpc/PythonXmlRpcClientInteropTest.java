package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uses CPython's standard {@code xmlrpc.client}, which most Odoo scripts use, as the independent peer:
 * as a client of the codec over HTTP, and as the reference for Odoo's marshalling byte for byte.
 */
@ExtendWith(VertxExtension.class)
class PythonXmlRpcClientInteropTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Makes the same execute_kw call as the one captured into python-execute_kw-request.xml. */
  private static final String CAPTURED_CALL = """
      models.execute_kw('finance', 2, 's3cret', 'account.move', 'create',
          [[{'move_type': 'out_invoice', 'partner_id': 7,
             'invoice_date': datetime.datetime(2024, 1, 31, 23, 59, 58),
             'narration': None, 'ref': 'INV <2024> & "Q1" \\u00e9\\u20ac\\U0001d11e', 'amount': 1234.56,
             'to_check': False,
             'invoice_line_ids': [[0, 0, {'name': 'Consulting', 'quantity': 2.5, 'price_unit': 100.0,
                                          'tax_ids': [[6, 0, [1, 2]]]}]],
             'attachment': xmlrpc.client.Binary(b'\\x00\\x01binary\\xff'), 'empty': '', 'nested': {},
             'list': []}]],
          {'context': {'lang': 'en_US', 'tz': 'Europe/Brussels', 'active_test': True}})
      """;

  private static final String CLIENT_SCRIPT = """
      import base64, datetime, json, math, sys, xmlrpc.client
      odoo2, legacy, ext2 = sys.argv[1:4]
      models = xmlrpc.client.ServerProxy(odoo2, allow_none=True)
      assert %s is True

      def same(a, b):
          if type(a) is not type(b):
              return False
          if isinstance(a, float):
              return a == b and math.copysign(1, a) == math.copysign(1, b)
          if isinstance(a, list):
              return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
          if isinstance(a, dict):
              return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
          return a == b

      scalars = [0, 1, -7, 2**31 - 1, -2**31, 1.5, -0.0, 0.1, 1e-7, 1e300, 1234.56, True, False,
                 '', 'Grüße € 漢字 𝄞', '<a href="x">&amp;</a>', '  spaced  ', 'line1\\nline2\\ttab']
      for value in scalars:
          echoed = models.echo(value)
          assert same(echoed, value), (value, echoed)

      doc = {'partner_id': 7, 'lines': [[0, 0, {'name': 'Consulting', 'quantity': 2.5, 'tax_ids': [[6, 0, [1, 2]]]}]],
             'empty_dict': {}, 'empty_list': [], 'nested': {'a': {'b': {'c': [1, [2, [3]]]}}}}
      assert same(models.echo(doc), doc)
      assert models.echo((1, 2)) == [1, 2]
      assert same(models.echo_all(1, 'two', [3.0]), [1, 'two', [3.0]])
      assert models.echo(datetime.datetime(2024, 1, 31, 23, 59, 58)) == '2024-01-31 23:59:58'
      raw = b'\\x00\\x01binary\\xff'
      assert models.echo(xmlrpc.client.Binary(raw)) == base64.b64encode(raw).decode()
      assert models.control_chars() == 'abc\\tde'

      def fault(call):
          try:
              call()
          except xmlrpc.client.Fault as f:
              return f.faultCode, f.faultString
          raise AssertionError('expected a fault')

      code, text = fault(lambda: models.echo(None))
      assert code == 1 and text.endswith('cannot marshal None unless allow_none is enabled\\n'), text
      code, text = fault(lambda: models.echo('bell\\x07'))
      assert code == 1 and text.startswith('XMLRPC_MALFORMED: not well-formed XML'), text
      try:
          models.echo(2**31)
          raise AssertionError('the Python client marshals no int beyond 32 bits')
      except OverflowError:
          pass

      raise_ = getattr(models, 'raise')
      assert fault(lambda: raise_('odoo.exceptions.UserError', 'Post it first.')) == (2, 'Post it first.')
      assert fault(lambda: raise_('odoo.exceptions.AccessDenied', 'Access Denied')) == (3, 'Access Denied')
      assert fault(lambda: raise_('odoo.exceptions.AccessError', 'No access.')) == (4, 'No access.')
      assert fault(lambda: raise_('builtins.KeyError', 'x')) == (1, 'KeyError: x\\n')
      expected_redirect = str(Exception('Configure a journal.', 42, 'Go', None))
      assert fault(lambda: models.raise_redirect('Configure a journal.')) == (2, expected_redirect)

      legacy_models = xmlrpc.client.ServerProxy(legacy, allow_none=True)
      legacy_raise = getattr(legacy_models, 'raise')
      assert fault(lambda: legacy_raise('odoo.exceptions.UserError', 'Nope')) == ('warning -- UserError\\n\\nNope', '')
      assert fault(lambda: legacy_raise('odoo.exceptions.MissingError', 'Gone')) == ('warning -- MissingError\\n\\nGone', '')
      assert fault(lambda: legacy_raise('odoo.exceptions.AccessDenied', 'Access Denied')) == ('AccessDenied', 'Access Denied')
      assert fault(lambda: legacy_raise('builtins.ValueError', 'bad')) == ('bad', 'ValueError: bad\\n')

      extended = xmlrpc.client.ServerProxy(ext2, allow_none=True)
      assert extended.echo(None) is None
      assert extended.echo({'x': None, 'y': [None]}) == {'x': None, 'y': [None]}
      print(json.dumps({'python': sys.version.split()[0], 'redirect': expected_redirect}))
      """.formatted(CAPTURED_CALL.strip());

  private XmlRpcEchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = XmlRpcEchoServer.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pythonClientGetsOdooAnswersAndTheServerDecodesWhatItSent() throws Exception {
    String output = Python3.run(TIMEOUT, CLIENT_SCRIPT, "",
        server.url("odoo", "/xmlrpc/2/object"), server.url("odoo", "/xmlrpc/object"), server.url("ext", "/xmlrpc/2/object"));

    JsonObject summary = new JsonObject(output.strip());
    assertThat(summary.getString("redirect")).isEqualTo("('Configure a journal.', 42, 'Go', None)");
    XmlRpcCall executeKw = server.calls.peek();
    assertThat(executeKw.methodName()).isEqualTo("execute_kw");
    JsonArray params = executeKw.params();
    assertThat(params.getList().subList(0, 5)).containsExactly("finance", 2, "s3cret", "account.move", "create");
    JsonObject values = params.getJsonArray(5).getJsonArray(0).getJsonObject(0);
    assertThat(values.getString("invoice_date")).isEqualTo("2024-01-31 23:59:58");
    assertThat(values.containsKey("narration")).isTrue();
    assertThat(values.getValue("narration")).isNull();
    assertThat(values.getValue("amount")).isInstanceOf(Double.class).isEqualTo(1234.56);
    assertThat(values.getValue("partner_id")).isInstanceOf(Integer.class).isEqualTo(7);
    assertThat(values.getString("ref")).isEqualTo("INV <2024> & \"Q1\" é€\uD834\uDD1E");
    assertThat(values.getString("attachment")).isEqualTo("AAFiaW5hcnn/");
    assertThat(params.getJsonObject(6))
        .isEqualTo(new JsonObject().put("context", new JsonObject()
            .put("lang", "en_US").put("tz", "Europe/Brussels").put("active_test", true)));
    assertThat(server.calls).extracting(call -> call.params().isEmpty() ? "" : call.params().getValue(0))
        .contains(2147483647, -2147483648, -0.0, "Grüße € 漢字 \uD834\uDD1E", "line1\nline2\ttab");
  }

  @Test
  void capturedPythonRequestIsWhatTheClientSendsToday() throws Exception {
    String script = "import datetime, sys, xmlrpc.client\n"
        + "models = xmlrpc.client.ServerProxy(sys.argv[1], allow_none=True)\n"
        + CAPTURED_CALL.strip() + "\n";

    Python3.run(TIMEOUT, script, "", server.url("odoo", "/xmlrpc/2/object"));

    assertThat(server.bodies).hasSize(1);
    assertThat(server.bodies.peek().toString())
        .isEqualTo(ApacheXmlRpcClientInteropTest.resource("python-execute_kw-request.xml"));
  }

  /** Computes Odoo's response bytes with CPython's marshaller (facts noted inline, no Odoo code). */
  private static final String ODOO_MARSHALLER_SCRIPT = """
      import json, sys, xmlrpc.client
      # Odoo 17+ OdooMarshaller.dump_unicode drops C0 controls except tab, LF, CR from every string.
      CONTROL = dict.fromkeys(set(range(32)) - {9, 10, 13})
      def clean(v):
          if isinstance(v, str):
              return v.translate(CONTROL)
          if isinstance(v, list):
              return [clean(x) for x in v]
          if isinstance(v, dict):
              return {k: clean(x) for k, x in v.items()}
          return v
      # Odoo 18/19 dumps(): allow_none=False, then this envelope around the marshalled params.
      def odoo_dumps(params):
          body = xmlrpc.client.Marshaller(allow_none=False).dumps(params)
          return '<?xml version="1.0"?>\\n<methodResponse>\\n' + body + '\\n</methodResponse>\\n'
      out = []
      for case in json.load(sys.stdin):
          if 'fault' in case:
              out.append(odoo_dumps(xmlrpc.client.Fault(case['fault'], clean(case['string']))))
          else:
              out.append(odoo_dumps((clean(case['value']),)))
      json.dump(out, sys.stdout)
      """;

  @Test
  void responsesAndFaultsMatchOdoosMarshallerByteForByte() throws Exception {
    JsonArray values = new JsonArray()
        .add(0).add(42).add(-2147483648).add(2147483647).add(true).add(false)
        .add(0.0).add(-0.0).add(1.0).add(0.1).add(1234.56).add(1e16).add(1e15).add(1e-5).add(1e-4)
        .add(123456789.123).add(1.7976931348623157e308).add(4.9e-324).add(-2.5e-300)
        .add("").add("plain").add("Grüße € 漢字 \uD834\uDD1E").add("a < b && c > d ]]> 'q' \"qq\"")
        .add("tab\tnew\nline carriage\rreturn").add("bell\u0007null\u0000esc\u001b kept\u007f\u0085")
        .add(new JsonArray()).add(new JsonObject())
        .add(new JsonObject().put("id", 7).put("name", "Azure <Interior>").put("credit_limit", 0.0)
            .put("child_ids", new JsonArray().add(8).add(9)).put("active", true)
            .put("company_id", new JsonArray().add(1).add("My & Company"))
            .put("nested", new JsonObject().put("deep", new JsonArray().add(new JsonObject()))))
        .add(new JsonArray().add(1).add("two").add(3.0).add(new JsonArray().add(false)));
    JsonArray cases = new JsonArray();
    List<io.vertx.core.buffer.Buffer> ours = new ArrayList<>();
    XmlRpcCodec codec = XmlRpcCodec.create();
    for (Object value : values) {
      cases.add(new JsonObject().put("value", value));
      ours.add(codec.encodeResponse(value));
    }
    cases.add(new JsonObject().put("fault", 2).put("string", "The IBAN is invalid & <short>\u0001"));
    ours.add(codec.encodeFault(2, "The IBAN is invalid & <short>\u0001"));
    cases.add(new JsonObject().put("fault", "warning -- UserError\n\nNope").put("string", ""));
    ours.add(codec.encodeFault(XmlRpcFault.of("warning -- UserError\n\nNope", "")));

    JsonArray python = new JsonArray(Python3.run(TIMEOUT, ODOO_MARSHALLER_SCRIPT, cases.encode()));

    assertThat(python.size()).isEqualTo(ours.size());
    for (int i = 0; i < ours.size(); i++) {
      assertThat(ours.get(i).toString()).as("case %s", cases.getValue(i)).isEqualTo(python.getString(i));
    }
  }

  private static final String REPR_SCRIPT = """
      import json, sys
      data = json.load(sys.stdin)
      json.dump({'floats': [repr(x) for x in data['floats']],
                 'strings': [repr(s) for s in data['strings']],
                 'exceptions': [str(Exception(*args)) for args in data['exceptions']]}, sys.stdout)
      """;

  @Test
  void pythonTextRendersFloatsStringsAndExceptionsLikeCPython() throws Exception {
    JsonArray floats = edgeAndRandomDoubles();
    JsonArray strings = new JsonArray().add("").add("it's").add("say \"hi\"").add("both ' and \"")
        .add("back\\slash").add("tab\tnew\ncr\r").add("nul\u0000del\u007f").add("é漢\uD834\uDD1E")
        .add("nbsp\u00a0ls\u2028bom\ufeffpua\ue000");
    JsonArray exceptions = new JsonArray()
        .add(new JsonArray())
        .add(new JsonArray().add("one"))
        .add(new JsonArray().add("Configure a journal.").add(42).add("Go").addNull())
        .add(new JsonArray().add("msg").add(new JsonObject().put("active_ids", new JsonArray().add(1).add(2)))
            .add(true).add(1.5).add("it's"));
    JsonObject input = new JsonObject().put("floats", floats).put("strings", strings).put("exceptions", exceptions);

    JsonObject python = new JsonObject(Python3.run(TIMEOUT, REPR_SCRIPT, input.encode()));

    for (int i = 0; i < floats.size(); i++) {
      assertThat(PythonText.floatRepr(floats.getDouble(i)))
          .as("repr of %s", floats.getDouble(i))
          .isEqualTo(python.getJsonArray("floats").getString(i));
    }
    for (int i = 0; i < strings.size(); i++) {
      assertThat(PythonText.stringRepr(strings.getString(i))).isEqualTo(python.getJsonArray("strings").getString(i));
    }
    for (int i = 0; i < exceptions.size(); i++) {
      assertThat(PythonText.exceptionStr(exceptions.getJsonArray(i).getList()))
          .isEqualTo(python.getJsonArray("exceptions").getString(i));
    }
  }

  private static JsonArray edgeAndRandomDoubles() {
    JsonArray doubles = new JsonArray();
    double[] edges = {1.0, 0.1, 0.2 + 0.1, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.00012345,
        Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 9007199254740993.0, 5e-324, 1e22, 1e23,
        2.0 / 3, 123456789012345678.0, 0.5, 1234.56, 100.0, 1.5e300, -7.25, 4.35, 2.675};
    for (double edge : edges) {
      doubles.add(edge).add(-edge);
    }
    Random random = new Random(20240131L);
    while (doubles.size() < 3000) {
      double candidate = random.nextBoolean()
          ? Double.longBitsToDouble(random.nextLong())
          : Math.round(random.nextDouble() * 1_000_000) / Math.pow(10, random.nextInt(8));
      if (Double.isFinite(candidate)) {
        doubles.add(candidate);
      }
    }
    return doubles;
  }

  @Test
  void extendedDialectNilAndI8AreReadByPythonToo() throws Exception {
    XmlRpcCodec codec = XmlRpcCodec.create(XmlRpcCodecOptions.defaults().withResponseDialect(ResponseDialect.WITH_EXTENSIONS));
    String body = codec.encodeResponse(new JsonArray().addNull().add(1L << 40).add(java.math.BigInteger.TEN.pow(30)))
        .toString();
    String script = "import json, sys, xmlrpc.client\n"
        + "(result,), _ = xmlrpc.client.loads(sys.stdin.read())\n"
        + "print(json.dumps([None if v is None else str(v) for v in result]))";

    JsonArray decoded = new JsonArray(Python3.run(TIMEOUT, script, body));

    assertThat(decoded).isEqualTo(new JsonArray().addNull().add("1099511627776").add("1" + "0".repeat(30)));
  }
}
