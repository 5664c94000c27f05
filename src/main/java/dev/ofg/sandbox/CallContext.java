package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds what Odoo keeps in an {@code Environment} for one call: the user, the context, the enabled
 * companies ({@code env.companies}, {@code env.company}) and the superuser flag.
 */
record CallContext(SandboxUser user, OdooVersion version, Map<String, Object> context, List<Long> companyIds,
    boolean su) {

  /**
   * Resolves {@code allowed_company_ids}: when present, every id must be one of the user's companies
   * ("Access to unauthorized or invalid companies.", odoo/orm/environments.py); when absent, all the
   * user's companies are enabled.
   */
  static CallContext of(SandboxUser user, OdooVersion version, Map<String, Object> context) {
    Map<String, Object> ctx = context == null ? Map.of() : context;
    List<Object> allowed = JsonValues.asList(ctx.get("allowed_company_ids"));
    if (allowed == null || allowed.isEmpty()) {
      return new CallContext(user, version, ctx, user.companyIds(), false);
    }
    List<Long> ids = new ArrayList<>();
    for (Object id : allowed) {
      if (!(id instanceof Number n) || !user.companyIds().contains(n.longValue())) {
        throw OdooError.accessError("Access to unauthorized or invalid companies.");
      }
      ids.add(n.longValue());
    }
    return new CallContext(user, version, ctx, List.copyOf(ids), false);
  }

  CallContext sudo() {
    return new CallContext(user, version, context, companyIds, true);
  }

  CallContext withContext(Map<String, Object> newContext) {
    return new CallContext(user, version, newContext, companyIds, su);
  }

  /** {@code env.company}: the first enabled company. */
  long companyId() {
    return companyIds.get(0);
  }

  /** Archived records are hidden unless the context says {@code active_test: false}. */
  boolean activeTest() {
    return !Boolean.FALSE.equals(context.get("active_test"));
  }
}
