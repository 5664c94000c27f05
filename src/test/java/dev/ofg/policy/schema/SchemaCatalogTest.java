package dev.ofg.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCatalogTest {
  private final SchemaCatalog catalog = SchemaCatalog.load("conf/schemas", "v1");

  private static JsonObject validInvoice() {
    return new JsonObject()
        .put("externalRef", "SO/2026/0001")
        .put("kind", "customer_invoice")
        .put("partner", new JsonObject().put("externalRef", "CUST-1"))
        .put("currency", "EUR")
        .put("invoiceDate", "2026-11-20")
        .put("lines", new JsonArray().add(new JsonObject()
            .put("description", "Widget").put("quantity", "2").put("unitPrice", "10.50")));
  }

  @Test
  void acceptsAValidInvoice() {
    assertThat(catalog.validate("invoice", validInvoice())).isEmpty();
  }

  @Test
  void listsEveryFailingFieldByPointer() {
    JsonObject invoice = validInvoice();
    invoice.put("currency", "euro");
    invoice.getJsonArray("lines").getJsonObject(0).put("quantity", 2).put("unitPrice", "ten");
    invoice.getJsonObject("partner").put("id", 5);
    invoice.put("colour", "blue");

    List<SchemaCatalog.FieldError> errors = catalog.validate("invoice", invoice);

    assertThat(errors).containsExactlyInAnyOrder(
        new SchemaCatalog.FieldError("/partner/id", "is not a known field"),
        new SchemaCatalog.FieldError("/currency", "String does not match pattern"),
        new SchemaCatalog.FieldError("/lines/0/quantity", "Instance type number is invalid. Expected string"),
        new SchemaCatalog.FieldError("/lines/0/unitPrice", "String does not match pattern"),
        new SchemaCatalog.FieldError("/colour", "is not a known field"));
  }

  @Test
  void refusesAmountsWrittenAsJsonNumbers() {
    JsonObject payment = new JsonObject().put("externalRef", "PAY-1").put("direction", "inbound")
        .put("partner", new JsonObject().put("externalRef", "CUST-1")).put("amount", 10.1)
        .put("currency", "EUR").put("date", "2026-11-21");

    assertThat(catalog.validate("payment", payment)).extracting(SchemaCatalog.FieldError::pointer)
        .containsExactly("/amount");
  }

  @Test
  void refusesZeroOrNegativePaymentAmounts() {
    JsonObject payment = new JsonObject().put("externalRef", "PAY-1").put("direction", "inbound")
        .put("partner", new JsonObject().put("externalRef", "CUST-1")).put("currency", "EUR")
        .put("date", "2026-11-21");

    assertThat(catalog.validate("payment", payment.copy().put("amount", "0.00"))).isNotEmpty();
    assertThat(catalog.validate("payment", payment.copy().put("amount", "-5"))).isNotEmpty();
    assertThat(catalog.validate("payment", payment.copy().put("amount", "0.01"))).isEmpty();
  }

  @Test
  void refusesACatalogMissingACanonicalSchema(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("v1"));
    Files.writeString(dir.resolve("v1/partner.json"), "{\"type\": \"object\"}");

    assertThatThrownBy(() -> SchemaCatalog.load(dir.toString(), "v1"))
        .hasMessageContaining("v1/invoice.json is missing");
  }

  @Test
  void refusesASchemaThatIsNotJson(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("v1"));
    for (String name : SchemaCatalog.CANONICAL) {
      Files.writeString(dir.resolve("v1/" + name + ".json"), "{\"type\": \"object\"}");
    }
    Files.writeString(dir.resolve("v1/payment.json"), "{ not json");

    assertThatThrownBy(() -> SchemaCatalog.load(dir.toString(), "v1")).hasMessageContaining("payment.json is not a JSON object");
  }
}
