package dev.ofg.odoo.facade;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OdooDialectTest {
  @ParameterizedTest
  @CsvSource({"17, 200", "18, 200", "19, 0"})
  void usesTheJsonRpcErrorCodeOfTheOdooBehindTheGateway(int major, int code) {
    OdooDialect dialect = OdooDialect.of(new JsonObject().put("server_version_info",
        new JsonArray().add(major).add(0).add(0).add("final").add(0).add("")));

    JsonObject error = dialect.error(5, dialect.errorCode(), new JsonObject().put("name", "odoo.exceptions.UserError"));

    assertThat(error.getJsonObject("error").getInteger("code")).isEqualTo(code);
    assertThat(error.getJsonObject("error").getString("message")).isEqualTo("Odoo Server Error");
    assertThat(error.getValue("id")).isEqualTo(5);
  }

  @Test
  void leavesResultOutWhenTheMethodReturnedNone() {
    OdooDialect dialect = OdooDialect.of(null);

    assertThat(dialect.result(1, null).containsKey("result")).isFalse();
    assertThat(dialect.result(1, false).getValue("result")).isEqualTo(false);
  }

  @Test
  void reportsAnExpiredSessionWithCode100() {
    JsonObject error = OdooDialect.of(null).error(null, OdooDialect.SESSION_EXPIRED_CODE, new JsonObject());

    assertThat(error.getJsonObject("error").getInteger("code")).isEqualTo(100);
    assertThat(error.getJsonObject("error").getString("message")).isEqualTo("Odoo Session Expired");
  }
}
