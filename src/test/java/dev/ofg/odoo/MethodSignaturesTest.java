package dev.ofg.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MethodSignaturesTest {
  @Test
  void namesPositionalSearchReadArguments() {
    OdooCall call = new OdooCall("res.partner", "search_read",
        new JsonArray().add(new JsonArray()).add(new JsonArray().add("name")),
        new JsonObject().put("limit", 5));

    assertThat(MethodSignatures.namedArguments(call)).isEqualTo(new JsonObject()
        .put("limit", 5).put("domain", new JsonArray()).put("fields", new JsonArray().add("name")));
  }

  @Test
  void movesRecordIdsOfRecordMethodsToIds() {
    OdooCall call = new OdooCall("res.partner", "write",
        new JsonArray().add(new JsonArray().add(7)).add(new JsonObject().put("name", "x")), null);

    assertThat(MethodSignatures.namedArguments(call)).isEqualTo(new JsonObject()
        .put("ids", new JsonArray().add(7)).put("vals", new JsonObject().put("name", "x")));
  }

  @Test
  void treatsUnknownMethodsWithOnlyIdsAsRecordMethods() {
    OdooCall call = OdooCall.of("account.move", "action_post", new JsonArray().add(1).add(2));

    assertThat(MethodSignatures.namedArguments(call)).isEqualTo(new JsonObject().put("ids", new JsonArray().add(1).add(2)));
  }

  @Test
  void refusesPositionalArgumentsItCannotName() {
    OdooCall unknown = OdooCall.of("account.move", "custom_method", new JsonArray().add(1), "extra");
    OdooCall tooMany = OdooCall.of("res.partner", "search_count", new JsonArray(), 10, "extra");
    OdooCall twice = new OdooCall("res.partner", "search", new JsonArray().add(new JsonArray()),
        new JsonObject().put("domain", new JsonArray()));

    assertThatThrownBy(() -> MethodSignatures.namedArguments(unknown))
        .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.kind()).isEqualTo(OdooFault.Kind.REQUEST));
    assertThatThrownBy(() -> MethodSignatures.namedArguments(tooMany)).hasMessageContaining("at most 2");
    assertThatThrownBy(() -> MethodSignatures.namedArguments(twice)).hasMessageContaining("both as positional and keyword");
  }
}
