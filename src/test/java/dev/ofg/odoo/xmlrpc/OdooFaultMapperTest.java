package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.odoo.xmlrpc.OdooFaultMapper.Kind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Maps Odoo exceptions to the faults of Odoo 17-19's xmlrpc_handle_exception_int and _string. */
class OdooFaultMapperTest {

  private final OdooFaultMapper mapper = OdooFaultMapper.DEFAULT;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "odoo.exceptions.UserError, 2",
      "odoo.exceptions.ValidationError, 2",
      "odoo.exceptions.MissingError, 2",
      "odoo.exceptions.LockError, 2",
      "odoo.exceptions.RedirectWarning, 2",
      "odoo.exceptions.AccessDenied, 3",
      "odoo.exceptions.AccessError, 4"})
  void givesOdooExceptionsTheirIntegerCodeAndMessage(String name, int code) {
    XmlRpcFault fault = mapper.toFault(OdooError.of(name, "Something is off."), XmlRpcEndpoint.XMLRPC_2);

    assertThat(fault).isEqualTo(XmlRpcFault.of(code, "Something is off."));
  }

  @Test
  void sendsTheTracebackForAnyOtherExceptionOnTheIntegerEndpoint() {
    String traceback = "Traceback (most recent call last):\n  File \"odoo/http.py\", line 1, in x\n"
        + "psycopg2.errors.SerializationFailure: could not serialize access\n";
    OdooError error = new OdooError("psycopg2.errors.SerializationFailure", "could not serialize access",
        new JsonArray().add("could not serialize access"), traceback);

    assertThat(mapper.toFault(error, XmlRpcEndpoint.XMLRPC_2)).isEqualTo(XmlRpcFault.of(1, traceback));
  }

  @Test
  void rebuildsTheTracebacksLastLineWhenOdooSentNone() {
    assertThat(mapper.toFault(OdooError.of("builtins.ValueError", "Invalid field"), XmlRpcEndpoint.XMLRPC_2))
        .isEqualTo(XmlRpcFault.of(1, "ValueError: Invalid field\n"));
    assertThat(mapper.toFault(new OdooError("odoo.exceptions.CacheMiss", "", new JsonArray(), " "),
        XmlRpcEndpoint.XMLRPC_2)).isEqualTo(XmlRpcFault.of(1, "odoo.exceptions.CacheMiss\n"));
  }

  @Test
  void rendersStrOfAMultiArgumentRedirectWarningAsPythonDoes() {
    OdooError redirect = new OdooError("odoo.exceptions.RedirectWarning",
        "Configure a journal.\n42\nGo to settings\nNone",
        new JsonArray().add("Configure a journal.").add(42).add("Go to settings").addNull(), "ignored");

    assertThat(mapper.toFault(redirect, XmlRpcEndpoint.XMLRPC_2))
        .isEqualTo(XmlRpcFault.of(2, "('Configure a journal.', 42, 'Go to settings', None)"));
    assertThat(mapper.toFault(redirect, XmlRpcEndpoint.XMLRPC_LEGACY)).isEqualTo(XmlRpcFault.of(
        "warning -- Warning\n\n('Configure a journal.', 42, 'Go to settings', None)", ""));
  }

  @Test
  void usesTheMessageAsIsWhenTheArgumentsAreUnknown() {
    assertThat(mapper.toFault(new OdooError("odoo.exceptions.UserError", "Nope", null, null), XmlRpcEndpoint.XMLRPC_2))
        .isEqualTo(XmlRpcFault.of(2, "Nope"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "odoo.exceptions.UserError|warning -- UserError\\n\\nNope|",
      "odoo.exceptions.ValidationError|warning -- UserError\\n\\nNope|",
      "odoo.exceptions.MissingError|warning -- MissingError\\n\\nNope|",
      "odoo.exceptions.AccessError|warning -- AccessError\\n\\nNope|",
      "odoo.exceptions.AccessDenied|AccessDenied|Nope"})
  void shapesLegacyEndpointFaultsWithStringCodes(String name, String code, String string) {
    XmlRpcFault fault = mapper.toFault(OdooError.of(name, "Nope"), XmlRpcEndpoint.XMLRPC_LEGACY);

    assertThat(fault).isEqualTo(XmlRpcFault.of(code.replace("\\n", "\n"), string == null ? "" : string));
  }

  @Test
  void legacyEndpointPutsTheMessageInTheCodeAndTheTracebackInTheStringForOtherErrors() {
    OdooError error = new OdooError("builtins.KeyError", "'missing'", new JsonArray().add("missing"), "Traceback...\n");

    assertThat(mapper.toFault(error, XmlRpcEndpoint.XMLRPC_LEGACY)).isEqualTo(XmlRpcFault.of("'missing'", "Traceback...\n"));
  }

  @Test
  void mapsRegisteredAddonSubclassesLikeTheirBase() {
    OdooFaultMapper extended = mapper.withClass("odoo.addons.my_bank.models.BankError", Kind.USER_ERROR);
    OdooError error = OdooError.of("odoo.addons.my_bank.models.BankError", "Bank says no.");

    assertThat(mapper.toFault(error, XmlRpcEndpoint.XMLRPC_2).faultCode()).isEqualTo(1);
    assertThat(extended.toFault(error, XmlRpcEndpoint.XMLRPC_2)).isEqualTo(XmlRpcFault.of(2, "Bank says no."));
    assertThat(mapper.kindOf("odoo.addons.my_bank.models.BankError")).isEqualTo(Kind.APPLICATION_ERROR);
  }

  @Test
  void readsJsonRpcErrorDataAndToleratesMissingMembers() {
    JsonObject data = new JsonObject()
        .put("name", "odoo.exceptions.AccessError")
        .put("message", "You are not allowed to access 'Journal Entry' (account.move) records.")
        .put("arguments", new JsonArray().add("You are not allowed to access 'Journal Entry' (account.move) records."))
        .put("context", new JsonObject())
        .put("debug", "Traceback (most recent call last):\n...");

    OdooError error = OdooError.fromJsonRpcErrorData(data);
    OdooError empty = OdooError.fromJsonRpcErrorData(new JsonObject().put("arguments", "not a list").put("message", 3));

    assertThat(mapper.toFault(error, XmlRpcEndpoint.XMLRPC_2)).isEqualTo(XmlRpcFault.of(4,
        "You are not allowed to access 'Journal Entry' (account.move) records."));
    assertThat(empty).isEqualTo(new OdooError("builtins.Exception", "", null, null));
    assertThat(mapper.toFault(empty, XmlRpcEndpoint.XMLRPC_2)).isEqualTo(XmlRpcFault.of(1, "Exception\n"));
  }

  @Test
  void keepsMessagesOutOfToString() {
    OdooError error = OdooError.of("odoo.exceptions.ValidationError", "IBAN NL91ABNA0417164300 is invalid");

    assertThat(error.toString()).doesNotContain("NL91").contains("ValidationError");
  }

  @Test
  void turnsRejectedRequestsIntoApplicationErrorFaults() {
    XmlRpcException rejected = XmlRpcException.malformed("not well-formed XML: oops");

    assertThat(OdooFaultMapper.forRejectedRequest(rejected, XmlRpcEndpoint.XMLRPC_2))
        .isEqualTo(XmlRpcFault.of(1, "XMLRPC_MALFORMED: not well-formed XML: oops\n"));
    assertThat(OdooFaultMapper.forRejectedRequest(rejected, XmlRpcEndpoint.XMLRPC_LEGACY)).isEqualTo(
        XmlRpcFault.of("XMLRPC_MALFORMED: not well-formed XML: oops", "XMLRPC_MALFORMED: not well-formed XML: oops\n"));
  }
}
