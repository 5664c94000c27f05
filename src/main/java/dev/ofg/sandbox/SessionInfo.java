package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code ir.http.session_info()} dictionary returned by {@code /web/session/authenticate}
 * and {@code /web/session/get_session_info} (addons/web/models/ir_http.py), with the members clients
 * rely on: uid, db, name, username, user_context, server_version(_info), user_companies, ...
 */
final class SessionInfo {
  private SessionInfo() {}

  static Map<String, Object> build(ModelRegistry registry, SandboxUser user, String db) {
    Map<String, Object> info = new LinkedHashMap<>();
    OdooVersion version = registry.version();
    Object partner = registry.value("res.users", user.uid(), "partner_id");
    info.put("uid", user.uid());
    info.put("is_system", user.admin());
    info.put("is_admin", user.admin());
    info.put("is_public", false);
    info.put("is_internal_user", true);
    info.put("user_context", userContext(user));
    info.put("db", db);
    info.put("server_version", version.serie());
    info.put("server_version_info", version.versionInfo());
    info.put("support_url", "https://www.odoo.com/buy");
    info.put("name", user.name());
    info.put("username", user.login());
    info.put("partner_display_name", partner == null ? false : registry.displayName("res.partner", (Long) partner));
    info.put("partner_id", partner);
    info.put("web.base.url", "");
    info.put("active_ids_limit", 20000L);
    info.put("max_file_upload_size", 134217728L);
    info.put("home_action_id", false);
    info.put("currencies", currencies(registry));
    info.put("bundle_params", Map.of("lang", "en_US"));
    info.put("test_mode", false);
    info.put("user_companies", companies(registry, user));
    info.put("show_effect", true);
    return info;
  }

  static Map<String, Object> userContext(SandboxUser user) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("lang", "en_US");
    ctx.put("tz", "Europe/Brussels");
    ctx.put("uid", user.uid());
    return ctx;
  }

  private static Map<String, Object> currencies(ModelRegistry registry) {
    Map<String, Object> out = new LinkedHashMap<>();
    SandboxModel model = registry.model("res.currency");
    for (long id : model.allIds()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("symbol", model.value(id, "symbol"));
      c.put("position", model.value(id, "position"));
      c.put("digits", List.of(69L, model.value(id, "decimal_places")));
      out.put(Long.toString(id), c);
    }
    return out;
  }

  private static Map<String, Object> companies(ModelRegistry registry, SandboxUser user) {
    Map<String, Object> allowed = new LinkedHashMap<>();
    SandboxModel model = registry.model("res.company");
    for (long id : user.companyIds()) {
      if (!model.exists(id)) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", id);
      c.put("name", model.displayName(id));
      c.put("sequence", model.value(id, "sequence"));
      c.put("child_ids", List.of());
      c.put("parent_id", model.value(id, "parent_id") == null ? false : model.value(id, "parent_id"));
      c.put("currency_id", model.value(id, "currency_id"));
      allowed.put(Long.toString(id), c);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("current_company", user.defaultCompanyId());
    out.put("allowed_companies", allowed);
    out.put("disallowed_ancestor_companies", Map.of());
    return out;
  }
}
