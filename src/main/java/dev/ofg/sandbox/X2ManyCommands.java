package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies Odoo x2many write commands ({@code odoo.fields.Command}): (0, 0, vals) create,
 * (1, id, vals) update, (2, id, 0) delete, (3, id, 0) unlink, (4, id, 0) link, (5, 0, 0) clear,
 * (6, 0, ids) set; a plain list of ids means "set", as Odoo accepts.
 */
final class X2ManyCommands {
  /** Most commands accepted in one x2many value, against unbounded work per request. */
  static final int MAX_COMMANDS = 5_000;

  private X2ManyCommands() {}

  static void apply(CallContext ctx, SandboxModel owner, long ownerId, FieldSpec field, Object rawCommands) {
    List<Object> commands = JsonValues.asList(rawCommands);
    if (ValueConverter.isUnset(rawCommands)) {
      commands = List.of(List.of(5L, 0L, 0L));
    }
    if (commands == null) {
      throw invalid(rawCommands);
    }
    if (commands.size() > MAX_COMMANDS) {
      throw OdooError.valueError("Too many x2many commands: " + commands.size() + " (at most " + MAX_COMMANDS + ")");
    }
    if (!commands.isEmpty() && commands.stream().allMatch(c -> c instanceof Number)) {
      commands = List.of(List.of(6L, 0L, commands));
    }
    SandboxModel comodel = owner.registry().model(field.relation());
    owner.registry().enterCommands();
    try {
      applyAll(ctx, owner, ownerId, field, comodel, commands);
    } finally {
      owner.registry().exitCommands();
    }
  }

  private static void applyAll(CallContext ctx, SandboxModel owner, long ownerId, FieldSpec field,
      SandboxModel comodel, List<Object> commands) {
    for (Object command : commands) {
      List<Object> parts = JsonValues.asList(command);
      if (parts == null || parts.isEmpty() || !(parts.get(0) instanceof Number code)) {
        throw invalid(command);
      }
      if (field.type() == FieldType.ONE2MANY) {
        applyOne2many(ctx, owner, ownerId, field, comodel, code.intValue(), parts);
      } else {
        applyMany2many(ctx, owner, ownerId, field, comodel, code.intValue(), parts);
      }
    }
  }

  private static void applyOne2many(CallContext ctx, SandboxModel owner, long ownerId, FieldSpec field,
      SandboxModel comodel, int code, List<Object> parts) {
    switch (code) {
      case 0 -> {
        Map<String, Object> vals = new java.util.LinkedHashMap<>(valsOf(parts));
        vals.put(field.inverseName(), ownerId);
        comodel.create(ctx, List.of(vals));
      }
      case 1 -> comodel.write(ctx, List.of(idOf(parts, comodel, ctx)), valsOf(parts));
      case 2, 3 -> comodel.unlink(ctx, List.of(idOf(parts, comodel, ctx)));
      case 4 -> comodel.write(ctx, List.of(idOf(parts, comodel, ctx)), Map.of(field.inverseName(), ownerId));
      case 5 -> comodel.unlink(ctx, owner.one2manyIds(field, ownerId));
      case 6 -> {
        Set<Long> keep = new LinkedHashSet<>(idsOf(parts));
        List<Long> drop = new ArrayList<>(owner.one2manyIds(field, ownerId));
        drop.removeAll(keep);
        comodel.unlink(ctx, drop);
        for (long id : keep) {
          comodel.write(ctx, List.of(id), Map.of(field.inverseName(), ownerId));
        }
      }
      default -> throw invalid(parts);
    }
  }

  @SuppressWarnings("unchecked")
  private static void applyMany2many(CallContext ctx, SandboxModel owner, long ownerId, FieldSpec field,
      SandboxModel comodel, int code, List<Object> parts) {
    Set<Long> ids = new LinkedHashSet<>((List<Long>) owner.row(ownerId).get(field.name()));
    switch (code) {
      case 0 -> ids.addAll(comodel.create(ctx, List.of(valsOf(parts))));
      case 1 -> comodel.write(ctx, List.of(idOf(parts, comodel, ctx)), valsOf(parts));
      case 2 -> {
        long id = idOf(parts, comodel, ctx);
        comodel.unlink(ctx, List.of(id));
        ids.remove(id);
      }
      case 3 -> ids.remove(idOf(parts, null, ctx));
      case 4 -> ids.add(idOf(parts, comodel, ctx));
      case 5 -> ids.clear();
      case 6 -> {
        ids.clear();
        for (long id : idsOf(parts)) {
          requireExisting(comodel, id, ctx);
          ids.add(id);
        }
      }
      default -> throw invalid(parts);
    }
    owner.update(ctx, ownerId, field.name(), new ArrayList<>(ids));
  }

  private static Map<String, Object> valsOf(List<Object> parts) {
    Map<String, Object> vals = parts.size() > 2 ? JsonValues.asMap(parts.get(2)) : null;
    if (vals == null) {
      throw invalid(parts);
    }
    return vals;
  }

  private static long idOf(List<Object> parts, SandboxModel comodel, CallContext ctx) {
    if (parts.size() < 2 || !(parts.get(1) instanceof Number n)) {
      throw invalid(parts);
    }
    if (comodel != null) {
      requireExisting(comodel, n.longValue(), ctx);
    }
    return n.longValue();
  }

  private static void requireExisting(SandboxModel comodel, long id, CallContext ctx) {
    if (!comodel.exists(id)) {
      throw comodel.registry().accessRules().missing(ctx, comodel, id);
    }
  }

  private static List<Long> idsOf(List<Object> parts) {
    List<Object> raw = parts.size() > 2 ? JsonValues.asList(parts.get(2)) : null;
    if (raw == null) {
      throw invalid(parts);
    }
    List<Long> ids = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof Number n)) {
        throw invalid(parts);
      }
      ids.add(n.longValue());
    }
    return ids;
  }

  private static OdooError invalid(Object command) {
    return OdooError.valueError("Invalid command " + PythonRepr.repr(command) + " for x2many field");
  }
}
