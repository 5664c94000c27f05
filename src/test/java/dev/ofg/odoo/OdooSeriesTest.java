package dev.ofg.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OdooSeriesTest {
  private static JsonObject info(Object major, String text) {
    JsonObject v = new JsonObject().put("server_version", text);
    if (major != null) {
      v.put("server_version_info", new JsonArray().add(major).add(0).add(0).add("final").add(0).add(""));
    }
    return v;
  }

  @Test
  void readsTheSeriesFromServerVersionInfo() {
    assertThat(OdooSeries.of(info(19, "19.0")).major()).isEqualTo(19);
    assertThat(OdooSeries.of(info(17, "17.0+e")).major()).isEqualTo(17);
  }

  @Test
  void fallsBackToTheVersionTextOfSaasReleases() {
    assertThat(OdooSeries.of(info(null, "saas~18.3")).major()).isEqualTo(18);
    assertThat(OdooSeries.of(info(null, "18.0+e")).major()).isEqualTo(18);
  }

  @Test
  void refusesAnAnswerWithoutVersion() {
    assertThatThrownBy(() -> OdooSeries.of(new JsonObject())).isInstanceOf(OdooFault.class);
  }

  @Test
  void namesFieldsPerSeries() {
    OdooSeries v17 = new OdooSeries(17);
    OdooSeries v18 = new OdooSeries(18);
    OdooSeries v19 = new OdooSeries(19);
    assertThat(v17.paymentMemoField()).isEqualTo("ref");
    assertThat(v18.paymentMemoField()).isEqualTo("memo");
    assertThat(v18.defaultGetParameter()).isEqualTo("fields_list");
    assertThat(v19.defaultGetParameter()).isEqualTo("fields");
    assertThat(v18.userGroupsField()).isEqualTo("groups_id");
    assertThat(v19.userGroupsField()).isEqualTo("group_ids");
    assertThat(v18.hasJson2()).isFalse();
    assertThat(v19.hasJson2()).isTrue();
    assertThat(new OdooSeries(16).supported()).isFalse();
    assertThat(v17.supported()).isTrue();
  }
}
