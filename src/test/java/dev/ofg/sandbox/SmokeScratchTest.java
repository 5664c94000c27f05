package dev.ofg.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

class SmokeScratchTest {
  @Test
  void smoke() throws Exception {
    Vertx vertx = Vertx.vertx();
    SandboxOptions o = SandboxOptions.defaults().withPort(0);
    OdooSandbox sb = OdooSandbox.start(vertx, o).await();
    WebClient c = WebClient.create(vertx);
    String pw = o.user("admin").password();
    String[] bodies = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":{\"service\":\"common\",\"method\":\"version\",\"args\":[]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":2,\"params\":{\"service\":\"common\",\"method\":\"authenticate\",\"args\":[\"demo\",\"admin\",\"" + pw + "\",{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":3,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"res.partner\",\"search_read\",[[[\"ref\",\"!=\",false]]],{\"fields\":[\"name\",\"ref\",\"parent_id\"]}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":4,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move\",\"create\",[{\"move_type\":\"out_invoice\",\"partner_id\":7,\"invoice_line_ids\":[[0,0,{\"name\":\"Widget\",\"quantity\":2,\"price_unit\":50,\"tax_ids\":[[6,0,[1]]]}]]}],{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":5,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move\",\"action_post\",[[1]],{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":6,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move\",\"read\",[[1]],{\"fields\":[\"name\",\"state\",\"amount_total\",\"amount_residual\",\"payment_state\",\"line_ids\",\"display_name\",\"write_date\"]}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":7,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move\",\"action_post\",[[1]],{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":8,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.payment.register\",\"create\",[{}],{\"context\":{\"active_model\":\"account.move\",\"active_ids\":[1]}}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":9,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.payment.register\",\"action_create_payments\",[[1]],{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":10,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move\",\"read\",[[1]],{\"fields\":[\"amount_residual\",\"payment_state\"]}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":11,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"res.partner\",\"search\",[[[\"bad\",\"=\",1]]],{}]}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":12,\"params\":{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"demo\",2,\"" + pw + "\",\"account.move.line\",\"search_read\",[[[\"move_id\",\"=\",1]]],{\"fields\":[\"name\",\"display_type\",\"debit\",\"credit\",\"balance\",\"account_id\",\"parent_state\"]}]}}",
    };
    for (String b : bodies) {
      var r = c.post(sb.port(), "127.0.0.1", "/jsonrpc").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(b)).await();
      String s = r.bodyAsString();
      System.out.println(r.statusCode() + " " + (s.length() > 1500 ? s.substring(0, 1500) : s));
    }
    sb.close().await();
    vertx.close().await();
  }
}
