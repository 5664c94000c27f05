package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks model access rights and builds Odoo's access error messages: the ACL message of
 * {@code ir.model.access._make_access_error}, the record-rule message of
 * {@code ir.rule._make_access_error} (non-debug variant) and the MissingError of reading a deleted
 * record (odoo/fields.py).
 */
final class AccessRules {
  // Models every internal user can read in Odoo (base.group_user rules on users, companies, currencies).
  private static final Set<String> READABLE_BY_EVERYONE = Set.of("res.users", "res.company", "res.currency");

  void check(CallContext ctx, SandboxModel model, AccessMode mode) {
    if (ctx.su() || ctx.user().can(model.name(), mode)
        || mode == AccessMode.READ && READABLE_BY_EVERYONE.contains(model.name())) {
      if (mode != AccessMode.READ && model.readOnlyModel() && !ctx.su()) {
        throw aclError(model, mode);
      }
      return;
    }
    throw aclError(model, mode);
  }

  // odoo/addons/base/models/ir_model.py ACCESS_ERROR_HEADER / ACCESS_ERROR_NOGROUP / ACCESS_ERROR_RESOLUTION
  private static OdooError aclError(SandboxModel model, AccessMode mode) {
    String verb = switch (mode) {
      case READ -> "access";
      case WRITE -> "modify";
      case CREATE -> "create";
      case UNLINK -> "delete";
    };
    return OdooError.accessError("You are not allowed to " + verb + " '" + model.description() + "' ("
        + model.name() + ") records.\n\nNo group currently allows this operation.\n\n"
        + "Contact your administrator to request access if necessary.");
  }

  /** The multi-company record-rule error for records owned by {@code companies}. */
  OdooError ruleError(CallContext ctx, SandboxModel model, List<Long> companies, AccessMode mode) {
    StringBuilder msg = new StringBuilder()
        .append("Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n")
        .append("Sorry, ").append(ctx.user().name()).append(" (id=").append(ctx.user().uid())
        .append(") doesn't have '").append(mode.odooName()).append("' access to:\n")
        .append("- ").append(model.description()).append(" (").append(model.name()).append(")\n\n")
        .append("If you really, really need access, perhaps you can win over your friendly administrator"
            + " with a batch of freshly baked cookies.");
    Set<Long> distinct = new LinkedHashSet<>(companies);
    Map<String, Object> context = null;
    if (distinct.size() != 1) {
      msg.append("\n\nNote: this might be a multi-company issue. Switching company may help"
          + " - in Odoo, not in real life!");
    } else {
      long company = distinct.iterator().next();
      String companyName = model.registry().model("res.company").displayName(company);
      if (ctx.user().companyIds().contains(company)) {
        msg.append("\n\nThis seems to be a multi-company issue, you might be able to access the record by"
            + " switching to the company: ").append(companyName).append('.');
        Map<String, Object> suggested = new LinkedHashMap<>();
        suggested.put("id", company);
        suggested.put("display_name", companyName);
        context = Map.of("suggested_company", suggested);
      } else {
        msg.append("\n\nThis seems to be a multi-company issue, but you do not have access to the proper company"
            + " to access the record anyhow.");
      }
    }
    return OdooError.withContext(OdooErrorKind.ACCESS_ERROR, msg.toString(), context);
  }

  /** "Record does not exist or has been deleted.\n(Record: account.move(42,), User: 2)" */
  OdooError missing(CallContext ctx, SandboxModel model, long id) {
    return OdooError.missingError("Record does not exist or has been deleted.\n(Record: " + model.name() + "("
        + id + ",), User: " + ctx.user().uid() + ")");
  }

  /** Raises MissingError for the first id that does not exist, AccessError for rule violations. */
  void checkRecords(CallContext ctx, SandboxModel model, List<Long> ids, AccessMode mode) {
    for (long id : ids) {
      if (!model.exists(id)) {
        throw missing(ctx, model, id);
      }
    }
    for (long id : ids) {
      model.checkRecordRule(ctx, model.row(id), mode);
    }
  }
}
