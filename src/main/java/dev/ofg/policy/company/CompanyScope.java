package dev.ofg.policy.company;

import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.policy.GatewayClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Confines Odoo calls to the companies a client is bound to, with no HTTP involved: the call's context gets
 * {@code allowed_company_ids} set to the client's companies (or to the subset the client asked for), and a call
 * that names another company is refused with 403 before it reaches Odoo.
 *
 * <p>"Names another company" means: {@code allowed_company_ids}, {@code company_id}, {@code force_company} or
 * {@code default_company_id} in the context; a {@code company_id} member, or a {@code company_ids} link or set
 * command, anywhere in the call's arguments (create and write values, nested x2many commands). Odoo's own
 * multi-company record rules then hide every record of the other companies, which is why forcing the context is
 * what actually isolates reads.
 *
 * <p>A client bound to no company is not confined: it reaches whatever the service account reaches.
 */
public final class CompanyScope {
  static final String ALLOWED_COMPANY_IDS = "allowed_company_ids";
  private static final List<String> CONTEXT_COMPANY_KEYS = List.of("company_id", "force_company", "default_company_id");
  /** Odoo x2many command codes that point at an existing record: UPDATE (1), LINK (4); SET (6) takes a list. */
  private static final int UPDATE = 1;
  private static final int LINK = 4;
  private static final int SET = 6;
  /** Deeper arguments than this are refused; the body limits keep real requests far shallower. */
  private static final int MAX_DEPTH = 64;

  private static final CompanyScope UNRESTRICTED = new CompanyScope("", List.of());

  private final String clientId;
  private final List<Long> companies;

  private CompanyScope(String clientId, List<Long> companies) {
    this.clientId = clientId;
    this.companies = companies;
  }

  /** Returns the scope of a client: confined to its companies, or unrestricted when it is bound to none. */
  public static CompanyScope of(GatewayClient client) {
    if (client.companies().isEmpty()) {
      return UNRESTRICTED;
    }
    List<Long> ids = new ArrayList<>();
    client.companies().forEach(id -> ids.add(id.longValue()));
    return new CompanyScope(client.id(), List.copyOf(ids));
  }

  public boolean restricted() {
    return !companies.isEmpty();
  }

  /**
   * Returns the call as Odoo must receive it: the context's {@code allowed_company_ids} forced into the scope.
   *
   * @throws CompanyScopeException (403, or 400 for a malformed {@code allowed_company_ids}) when the call names a
   *     company outside the scope
   */
  public OdooCall confine(OdooCall call) {
    if (!restricted()) {
      return call;
    }
    JsonObject context = call.context();
    for (String key : CONTEXT_COMPANY_KEYS) {
      checkCompany(context.getValue(key), "context." + key);
    }
    context.put(ALLOWED_COMPANY_IDS, new JsonArray(allowed(context.getValue(ALLOWED_COMPANY_IDS))));
    scan(call.args(), "args", 0);
    for (Map.Entry<String, Object> argument : call.kwargs()) {
      if (!"context".equals(argument.getKey())) {
        scan(argument.getValue(), argument.getKey(), 0);
      }
    }
    return call.withContext(context);
  }

  /** Returns an Odoo client whose every call is confined to this scope (the same client when unrestricted). */
  public OdooClient confine(OdooClient odoo) {
    return restricted() ? new CompanyScopedOdooClient(odoo, this) : odoo;
  }

  /** Returns the companies to enable: the ones the client asked for (all in scope), else the whole scope. */
  private List<Long> allowed(Object requested) {
    if (requested == null || Boolean.FALSE.equals(requested)) {
      return companies;
    }
    if (!(requested instanceof JsonArray)) {
      throw CompanyScopeException.malformed("context.allowed_company_ids must be a list of company ids");
    }
    Set<Long> asked = new LinkedHashSet<>();
    for (Object id : (JsonArray) requested) {
      if (!isId(id)) {
        throw CompanyScopeException.malformed("context.allowed_company_ids must be a list of company ids");
      }
      checkCompany(id, "context.allowed_company_ids");
      asked.add(((Number) id).longValue());
    }
    // Odoo reads an empty list as "every company of the user": that must never widen the scope.
    return asked.isEmpty() ? companies : List.copyOf(asked);
  }

  private void checkCompany(Object value, String where) {
    if (isId(value) && !companies.contains(((Number) value).longValue())) {
      throw CompanyScopeException.denied(clientId, ((Number) value).longValue(), where);
    }
  }

  private void scan(Object value, String where, int depth) {
    if (depth > MAX_DEPTH) {
      throw CompanyScopeException.malformed("the call's arguments nest deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof JsonObject) {
      for (Map.Entry<String, Object> member : (JsonObject) value) {
        String path = where + "." + member.getKey();
        if ("company_id".equals(member.getKey())) {
          checkCompany(member.getValue(), path);
        } else if ("company_ids".equals(member.getKey())) {
          checkCompanyCommands(member.getValue(), path);
        }
        scan(member.getValue(), path, depth + 1);
      }
    } else if (value instanceof JsonArray) {
      JsonArray array = (JsonArray) value;
      for (int i = 0; i < array.size(); i++) {
        scan(array.getValue(i), where + "[" + i + "]", depth + 1);
      }
    }
  }

  /** Checks a many2many value: a list of ids, or Odoo commands such as [4, id] or [6, 0, [ids]]. */
  private void checkCompanyCommands(Object value, String where) {
    if (!(value instanceof JsonArray)) {
      return;
    }
    for (Object item : (JsonArray) value) {
      if (isId(item)) {
        checkCompany(item, where);
      } else if (item instanceof JsonArray && !((JsonArray) item).isEmpty() && isId(((JsonArray) item).getValue(0))) {
        checkCommand((JsonArray) item, where);
      }
    }
  }

  private void checkCommand(JsonArray command, String where) {
    int code = ((Number) command.getValue(0)).intValue();
    Object second = command.size() > 1 ? command.getValue(1) : null;
    if (code == UPDATE || code == LINK) {
      checkCompany(second, where);
    } else if (code == SET && command.size() > 2 && command.getValue(2) instanceof JsonArray) {
      for (Object id : command.getJsonArray(2)) {
        checkCompany(id, where);
      }
    }
  }

  private static boolean isId(Object value) {
    return value instanceof Number && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue());
  }

  @Override
  public String toString() {
    return restricted() ? "CompanyScope" + companies : "CompanyScope[unrestricted]";
  }
}
