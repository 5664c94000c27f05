package dev.ofg.odoo.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays what real Odoo clients send, byte for byte, and runs Odoo's documented Python XML-RPC example
 * against the gateway: existing client code must work unchanged with the gateway's URL and a client key.
 */
@ExtendWith(VertxExtension.class)
class OdooClientCompatibilityTest {
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  /** Sends one request exactly as Python's urllib (used by odoorpc and most scripts) writes it. */
  private static Future<String> raw(Vertx vertx, String path, String body, String cookie) {
    int port = kit.gateway().publicPort();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String request = "POST " + path + " HTTP/1.1\r\n"
        + "Accept-Encoding: identity\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + bytes.length + "\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "User-Agent: Python-urllib/3.11\r\n"
        + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
        + "Connection: close\r\n\r\n";
    Promise<String> answer = Promise.promise();
    Buffer received = Buffer.buffer();
    vertx.createNetClient().connect(port, "127.0.0.1").onSuccess(socket -> {
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.UTF_8)));
      socket.write(Buffer.buffer(request).appendBytes(bytes));
    }).onFailure(answer::fail);
    return answer.future();
  }

  private static JsonObject body(String rawResponse) {
    String body = rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
    if (rawResponse.toLowerCase().contains("transfer-encoding: chunked")) {
      StringBuilder joined = new StringBuilder();
      String rest = body;
      while (true) {
        int eol = rest.indexOf("\r\n");
        int size = Integer.parseInt(rest.substring(0, eol).trim(), 16);
        if (size == 0) {
          break;
        }
        joined.append(rest, eol + 2, eol + 2 + size);
        rest = rest.substring(eol + 2 + size + 2);
      }
      body = joined.toString();
    }
    return new JsonObject(body);
  }

  @Test
  void replaysAWebClientSessionAsRawHttp(Vertx vertx, VertxTestContext test) {
    String key = kit.key(GatewayTestKit.ERP);
    raw(vertx, "/web/webclient/version_info", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {}, \"id\": 417623}", null)
        .compose(version -> {
          assertThat(version).startsWith("HTTP/1.1 200");
          assertThat(body(version).getJsonObject("result").getString("server_version")).startsWith("19.0");
          return raw(vertx, "/web/session/authenticate", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": "
              + "{\"db\": \"testdb\", \"login\": \"erp\", \"password\": \"" + key + "\"}, \"id\": 417624}", null);
        })
        .compose(auth -> {
          JsonObject info = body(auth).getJsonObject("result");
          assertThat(info.getInteger("uid")).isEqualTo(200001);
          Matcher cookie = Pattern.compile("(?i)set-cookie: (session_id=[0-9a-f]+)").matcher(auth);
          assertThat(cookie.find()).isTrue();
          String session = cookie.group(1);
          return raw(vertx, "/web/dataset/call_kw/res.partner/create", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", "
                  + "\"params\": {\"model\": \"res.partner\", \"method\": \"create\", \"args\": [{\"name\": \"Raw Client\", "
                  + "\"ref\": \"RAW-1\"}], \"kwargs\": {}}, \"id\": 417625}", session)
              .compose(created -> raw(vertx, "/web/dataset/call_kw/res.partner/search_read", "{\"jsonrpc\": \"2.0\", "
                  + "\"method\": \"call\", \"params\": {\"model\": \"res.partner\", \"method\": \"search_read\", "
                  + "\"args\": [[[\"ref\", \"=\", \"RAW-1\"]]], \"kwargs\": {\"fields\": [\"name\"]}}, \"id\": 417626}",
                  session).map(read -> new String[] {created, read}));
        })
        .onComplete(test.succeeding(pair -> test.verify(() -> {
          assertThat(body(pair[0]).getValue("result")).isInstanceOf(Number.class);
          assertThat(body(pair[0]).getValue("id")).isEqualTo(417625);
          assertThat(body(pair[1]).getJsonArray("result").getJsonObject(0).getString("name")).isEqualTo("Raw Client");
          test.completeNow();
        })));
  }

  @Test
  void replaysAJsonRpcScriptAsRawHttp(Vertx vertx, VertxTestContext test) {
    String key = kit.key(GatewayTestKit.ERP);
    raw(vertx, "/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"service\": \"common\", "
        + "\"method\": \"version\", \"args\": []}, \"id\": 1}", null)
        .compose(version -> raw(vertx, "/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": "
            + "{\"service\": \"common\", \"method\": \"authenticate\", \"args\": [\"testdb\", \"erp\", \"" + key
            + "\", {}]}, \"id\": 2}", null))
        .compose(auth -> {
          assertThat(body(auth).getInteger("result")).isEqualTo(200001);
          return raw(vertx, "/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"service\": "
              + "\"object\", \"method\": \"execute_kw\", \"args\": [\"testdb\", 200001, \"" + key + "\", "
              + "\"res.partner\", \"create\", [{\"name\": \"Script Partner\", \"ref\": \"SCRIPT-1\"}]]}, \"id\": 3}", null);
        })
        .compose(created -> raw(vertx, "/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": "
            + "{\"service\": \"object\", \"method\": \"execute_kw\", \"args\": [\"testdb\", 200001, \"" + key + "\", "
            + "\"res.partner\", \"search_read\", [[[\"ref\", \"=\", \"SCRIPT-1\"]]], {\"fields\": [\"name\", \"ref\"]}]}, "
            + "\"id\": 4}", null))
        .onComplete(test.succeeding(read -> test.verify(() -> {
          JsonObject row = body(read).getJsonArray("result").getJsonObject(0);
          assertThat(row.getString("name")).isEqualTo("Script Partner");
          test.completeNow();
        })));
  }

  /** Odoo's "External API" documentation example, run by CPython's xmlrpc.client against the gateway. */
  @Test
  void odoosDocumentedPythonXmlRpcExampleWorksUnchanged(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("external_api.py");
    Files.writeString(script, String.join("\n",
        "import json, sys, xmlrpc.client",
        "url, db, username, password = sys.argv[1:5]",
        "common = xmlrpc.client.ServerProxy('{}/xmlrpc/2/common'.format(url))",
        "version = common.version()",
        "uid = common.authenticate(db, username, password, {})",
        "models = xmlrpc.client.ServerProxy('{}/xmlrpc/2/object'.format(url))",
        "new_id = models.execute_kw(db, uid, password, 'res.partner', 'create', [{'name': 'Python Partner', 'ref': 'PY-1'}])",
        "ids = models.execute_kw(db, uid, password, 'res.partner', 'search', [[['ref', '=', 'PY-1']]], {'limit': 5})",
        "rows = models.execute_kw(db, uid, password, 'res.partner', 'read', [ids], {'fields': ['name', 'ref']})",
        "count = models.execute_kw(db, uid, password, 'res.partner', 'search_count', [[['ref', '=', 'PY-1']]])",
        "try:",
        "    models.execute_kw(db, uid, password, 'res.partner', 'unlink', [[new_id]])",
        "    denied = None",
        "except xmlrpc.client.Fault as fault:",
        "    denied = fault.faultCode",
        "bad_uid = common.authenticate(db, username, 'wrong-key', {})",
        "print(json.dumps({'version': version['server_version'], 'uid': uid, 'new_id': new_id, 'ids': ids,",
        "                  'name': rows[0]['name'], 'count': count, 'denied': denied, 'bad_uid': bad_uid}))",
        ""));
    Process python = new ProcessBuilder("python3", script.toString(),
        "http://127.0.0.1:" + kit.gateway().publicPort(), "testdb", GatewayTestKit.ERP, kit.key(GatewayTestKit.ERP))
        .redirectErrorStream(true).start();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(python.exitValue()).as(output).isZero();
    JsonObject result = new JsonObject(output.substring(output.lastIndexOf('{')));
    assertThat(result.getString("version")).startsWith("19.0");
    assertThat(result.getInteger("uid")).isEqualTo(200001);
    assertThat(result.getJsonArray("ids")).containsExactly(result.getInteger("new_id"));
    assertThat(result.getString("name")).isEqualTo("Python Partner");
    assertThat(result.getInteger("count")).isEqualTo(1);
    assertThat(result.getInteger("denied")).isEqualTo(4);
    assertThat(result.getBoolean("bad_uid")).isFalse();
  }

}
