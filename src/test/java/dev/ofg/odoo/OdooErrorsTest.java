package dev.ofg.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OdooErrorsTest {
  @ParameterizedTest
  @CsvSource({
      "odoo.exceptions.UserError, BUSINESS, ODOO_USER_ERROR, 422",
      "odoo.exceptions.ValidationError, BUSINESS, ODOO_VALIDATION_ERROR, 422",
      "odoo.exceptions.AccessError, BUSINESS, ODOO_ACCESS_ERROR, 403",
      "odoo.exceptions.MissingError, BUSINESS, ODOO_MISSING_RECORD, 404",
      "odoo.exceptions.RedirectWarning, BUSINESS, ODOO_USER_ERROR, 422",
      "builtins.ValueError, REQUEST, ODOO_REQUEST_REJECTED, 400",
      "builtins.KeyError, REQUEST, ODOO_REQUEST_REJECTED, 400",
      "psycopg2.errors.SerializationFailure, CONCURRENCY, ODOO_CONCURRENCY_CONFLICT, 503",
      "psycopg2.errors.LockNotAvailable, CONCURRENCY, ODOO_CONCURRENCY_CONFLICT, 503",
      "odoo.exceptions.AccessDenied, TECHNICAL, ODOO_AUTH_FAILED, 502",
      "psycopg2.OperationalError, TECHNICAL, ODOO_BAD_GATEWAY, 502"})
  void classifiesOdooExceptionsByName(String name, OdooFault.Kind kind, ProblemCode code, int status) {
    OdooFault fault = OdooErrors.fromOdooError(new JsonObject().put("name", name).put("message", "m")
        .put("arguments", new JsonArray().add("m")), "Odoo Server Error");

    assertThat(fault.kind()).isEqualTo(kind);
    assertThat(fault.code()).isEqualTo(code);
    assertThat(fault.toProblem().status()).isEqualTo(status);
  }

  @Test
  void recognisesConcurrencyByMessageWhenTheNameIsGeneric() {
    OdooFault fault = OdooErrors.fromOdooError(new JsonObject().put("name", "psycopg2.errors.TransactionRollbackError2")
        .put("message", "could not serialize access due to concurrent update"), null);

    assertThat(fault.kind()).isEqualTo(OdooFault.Kind.CONCURRENCY);
  }

  @Test
  void keepsOdooErrorDataButDropsTheServerTraceback() {
    JsonObject data = new JsonObject().put("name", "odoo.exceptions.UserError").put("message", "Nope")
        .put("arguments", new JsonArray().add("Nope")).put("debug", "Traceback (most recent call last): /opt/odoo/...");

    JsonObject forClient = OdooErrors.fromOdooError(data, null).odooErrorData();

    assertThat(forClient.getString("name")).isEqualTo("odoo.exceptions.UserError");
    assertThat(forClient.getString("message")).isEqualTo("Nope");
    assertThat(forClient.getString("debug")).isEmpty();
  }

  @Test
  void classifiesTransportFailures() {
    OdooFault timeout = OdooErrors.fromTransport(new TimeoutException("slow"));
    OdooFault refused = OdooErrors.fromTransport(new ConnectException("refused"));
    OdooFault reset = OdooErrors.fromTransport(new java.io.IOException("Connection reset"));

    assertThat(timeout.code()).isEqualTo(ProblemCode.ODOO_TIMEOUT);
    assertThat(timeout.outcomeUncertain()).isTrue();
    assertThat(refused.code()).isEqualTo(ProblemCode.ODOO_UNAVAILABLE);
    assertThat(refused.outcomeUncertain()).isFalse();
    assertThat(reset.outcomeUncertain()).isTrue();
    assertThat(OdooErrors.fromHttpStatus(502).toProblem().retryAfterSeconds()).isNotNull();
  }
}
