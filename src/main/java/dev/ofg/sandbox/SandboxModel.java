package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores the records of one Odoo model in memory and implements the generic ORM behaviour
 * ({@code create}, {@code write}, {@code unlink}, defaults, x2many commands, required and unique
 * constraints). Subclasses add defaults, computed fields and business methods.
 */
class SandboxModel {
  private final String name;
  private final String description;
  private final String defaultOrder;
  private final String companyField;
  private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
  private final TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
  private final Map<String, ModelMethod> methods = new LinkedHashMap<>();
  private final Map<String, Map<Object, java.util.Set<Long>>> indexes = new LinkedHashMap<>();
  private long nextId = 1;
  private ModelRegistry registry;

  /**
   * @param companyField the many2one to res.company that multi-company record rules check, or null
   */
  SandboxModel(String name, String description, String defaultOrder, String companyField, List<FieldSpec> own) {
    this.name = name;
    this.description = description;
    this.defaultOrder = defaultOrder;
    this.companyField = companyField;
    fields.put("id", FieldSpec.of("id", FieldType.INTEGER, "ID").asReadonly());
    for (FieldSpec f : own) {
      fields.put(f.name(), f);
    }
    fields.put("display_name", FieldSpec.chars("display_name", "Display Name").asComputed());
    fields.put("create_uid", FieldSpec.many2one("create_uid", "Created by", "res.users").asReadonly());
    fields.put("create_date", FieldSpec.of("create_date", FieldType.DATETIME, "Created on").asReadonly());
    fields.put("write_uid", FieldSpec.many2one("write_uid", "Last Updated by", "res.users").asReadonly());
    fields.put("write_date", FieldSpec.of("write_date", FieldType.DATETIME, "Last Updated on").asReadonly());
  }

  final void attach(ModelRegistry registry) {
    this.registry = registry;
    for (FieldSpec f : fields.values()) {
      if (f.uniqueMessage() != null) {
        indexField(f.name());
      }
    }
    StandardMethods.register(this);
    registerMethods();
  }

  /** Adds model-specific public methods; called once when the model joins the registry. */
  protected void registerMethods() {}

  final ModelRegistry registry() {
    return registry;
  }

  final String name() {
    return name;
  }

  final String description() {
    return description;
  }

  final String defaultOrder() {
    return defaultOrder;
  }

  final String companyField() {
    return companyField;
  }

  final Map<String, FieldSpec> fields() {
    return fields;
  }

  final FieldSpec field(String fieldName) {
    return fields.get(fieldName);
  }

  final void register(String method, MethodSignature signature, AccessMode access, ModelMethod.Body body) {
    methods.put(method, new ModelMethod(signature, access, body));
  }

  final ModelMethod method(String method) {
    return methods.get(method);
  }

  // ---------------------------------------------------------------- hooks

  /** Default values for a new record (only for fields absent from the create values). */
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    return new LinkedHashMap<>();
  }

  /** Adjusts create values once defaults are known; may raise Odoo errors. */
  protected void prepareCreate(CallContext ctx, Map<String, Object> vals) {}

  /** Refuses a write Odoo would refuse (e.g. on a posted entry). */
  protected void checkWrite(CallContext ctx, long id, Map<String, Object> vals) {}

  protected void checkUnlink(CallContext ctx, long id) {}

  /** Reacts to a deleted record (e.g. a move recomputes when one of its lines goes away). */
  protected void afterUnlink(CallContext ctx, long id, Map<String, Object> row) {}

  /** Recomputes stored computed fields after the record or its children changed. */
  protected void afterChange(CallContext ctx, long id) {}

  /** Whether clients may create, write or delete at all (res.users is a read-only view). */
  protected boolean readOnlyModel() {
    return false;
  }

  protected String displayName(long id, Map<String, Object> row) {
    Object n = row.get("name");
    return n == null ? name + "," + id : n.toString();
  }

  /** The children of a one2many; models may filter (e.g. invoice_line_ids vs line_ids). */
  protected List<Long> one2manyIds(FieldSpec field, long id) {
    return registry.model(field.relation()).idsWhere(field.inverseName(), id);
  }

  // ---------------------------------------------------------------- storage

  final boolean exists(long id) {
    return rows.containsKey(id);
  }

  final Collection<Long> allIds() {
    return List.copyOf(rows.keySet());
  }

  final int size() {
    return rows.size();
  }

  final Map<String, Object> row(long id) {
    return rows.get(id);
  }

  final Object value(long id, String fieldName) {
    Map<String, Object> row = rows.get(id);
    if (row == null) {
      return null;
    }
    FieldSpec f = fields.get(fieldName);
    if ("id".equals(fieldName)) {
      return id;
    }
    if ("display_name".equals(fieldName)) {
      return displayName(id);
    }
    if (f != null && f.type() == FieldType.ONE2MANY) {
      return one2manyIds(f, id);
    }
    return row.get(fieldName);
  }

  final String displayName(long id) {
    Map<String, Object> row = rows.get(id);
    return row == null ? "" : displayName(id, row);
  }

  /** Ids of records whose stored {@code fieldName} equals {@code value}; indexed fields answer fast. */
  final List<Long> idsWhere(String fieldName, Object value) {
    Map<Object, java.util.Set<Long>> index = indexes.get(fieldName);
    if (index != null) {
      java.util.Set<Long> hit = index.get(value);
      return hit == null ? List.of() : new ArrayList<>(hit);
    }
    List<Long> out = new ArrayList<>();
    rows.forEach((id, row) -> {
      if (value.equals(row.get(fieldName))) {
        out.add(id);
      }
    });
    return out;
  }

  /** Maintains a value-to-ids index for a field (one2many inverses, unique columns). */
  final void indexField(String fieldName) {
    if (indexes.containsKey(fieldName)) {
      return;
    }
    indexes.put(fieldName, new java.util.HashMap<>());
    rows.forEach((id, row) -> index(id, row));
  }

  private void index(long id, Map<String, Object> row) {
    indexes.forEach((fieldName, index) -> {
      Object v = row.get(fieldName);
      if (v != null) {
        index.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(id);
      }
    });
  }

  private void unindex(long id, Map<String, Object> row) {
    if (row == null) {
      return;
    }
    indexes.forEach((fieldName, index) -> {
      Object v = row.get(fieldName);
      java.util.Set<Long> ids = v == null ? null : index.get(v);
      if (ids != null) {
        ids.remove(id);
        if (ids.isEmpty()) {
          index.remove(v);
        }
      }
    });
  }

  private void putRow(long id, Map<String, Object> row) {
    unindex(id, rows.put(id, row));
    index(id, row);
  }

  private void removeRow(long id) {
    unindex(id, rows.remove(id));
  }

  /** Inserts a row as is, stamping log-access columns; reverted if the call fails. */
  final long insert(CallContext ctx, Map<String, Object> values) {
    long id = nextId++;
    Map<String, Object> row = new LinkedHashMap<>(values);
    String now = registry.now();
    row.put("create_uid", ctx.user().uid());
    row.put("create_date", now);
    row.put("write_uid", ctx.user().uid());
    row.put("write_date", now);
    putRow(id, row);
    registry.undo(() -> {
      removeRow(id);
      if (nextId == id + 1) {
        nextId = id;
      }
    });
    return id;
  }

  /** Inserts a row under a fixed id (seeding users whose uids are configured). */
  final void insertWithId(CallContext ctx, long id, Map<String, Object> values) {
    Map<String, Object> row = new LinkedHashMap<>(values);
    String now = registry.now();
    row.put("create_uid", ctx.user().uid());
    row.put("create_date", now);
    row.put("write_uid", ctx.user().uid());
    row.put("write_date", now);
    putRow(id, row);
    nextId = Math.max(nextId, id + 1);
  }

  /** Sets one stored value, stamping write_uid/write_date; reverted if the call fails. */
  final void update(CallContext ctx, long id, String fieldName, Object value) {
    Map<String, Object> before = rows.get(id);
    Map<String, Object> after = new LinkedHashMap<>(before);
    after.put(fieldName, value);
    after.put("write_uid", ctx.user().uid());
    after.put("write_date", registry.now());
    putRow(id, after);
    registry.undo(() -> putRow(id, before));
  }

  final void delete(long id) {
    Map<String, Object> row = rows.get(id);
    if (row != null) {
      removeRow(id);
      registry.undo(() -> putRow(id, row));
    }
  }

  /** Removes every record (used by reset); not undoable. */
  final void clear() {
    rows.clear();
    indexes.values().forEach(Map::clear);
    nextId = 1;
  }

  // ---------------------------------------------------------------- ORM operations

  final List<Long> create(CallContext ctx, List<Map<String, Object>> valsList) {
    List<Long> ids = new ArrayList<>();
    for (Map<String, Object> vals : valsList) {
      ids.add(createOne(ctx, vals));
    }
    return ids;
  }

  private long createOne(CallContext ctx, Map<String, Object> input) {
    Map<String, Object> vals = new LinkedHashMap<>(input);
    checkFieldNames(vals);
    for (Map.Entry<String, Object> d : defaults(ctx, vals).entrySet()) {
      vals.putIfAbsent(d.getKey(), d.getValue());
    }
    prepareCreate(ctx, vals);
    Map<String, Object> stored = new LinkedHashMap<>();
    Map<String, Object> relations = new LinkedHashMap<>();
    for (FieldSpec f : fields.values()) {
      if (isMagic(f) || f.type() == FieldType.ONE2MANY) {
        continue;
      }
      if (f.type() == FieldType.MANY2MANY) {
        stored.put(f.name(), new ArrayList<Long>());
      } else {
        stored.put(f.name(), f.computed() ? null : ValueConverter.toStored(name, f, vals.get(f.name())));
      }
    }
    for (Map.Entry<String, Object> e : vals.entrySet()) {
      FieldSpec f = fields.get(e.getKey());
      if (f.type().x2many() && !f.computed()) {
        relations.put(f.name(), e.getValue());
      }
    }
    checkRecordRule(ctx, stored, AccessMode.CREATE);
    long id = insert(ctx, stored);
    relations.forEach((fieldName, commands) -> X2ManyCommands.apply(ctx, this, id, fields.get(fieldName), commands));
    afterChange(ctx, id);
    checkConstraints(id);
    return id;
  }

  private static boolean isMagic(FieldSpec f) {
    return switch (f.name()) {
      case "id", "display_name", "create_uid", "create_date", "write_uid", "write_date" -> true;
      default -> false;
    };
  }

  final void write(CallContext ctx, List<Long> ids, Map<String, Object> vals) {
    checkFieldNames(vals);
    for (long id : ids) {
      checkWrite(ctx, id, vals);
    }
    for (long id : ids) {
      for (Map.Entry<String, Object> e : vals.entrySet()) {
        FieldSpec f = fields.get(e.getKey());
        if (isMagic(f) || f.computed()) {
          continue; // Odoo ignores log-access columns and computed fields without inverse
        }
        if (f.type().x2many()) {
          X2ManyCommands.apply(ctx, this, id, f, e.getValue());
        } else {
          update(ctx, id, f.name(), ValueConverter.toStored(name, f, e.getValue()));
        }
      }
      if (vals.isEmpty()) {
        continue;
      }
      checkRecordRule(ctx, rows.get(id), AccessMode.WRITE);
      afterChange(ctx, id);
      checkConstraints(id);
    }
  }

  final void unlink(CallContext ctx, List<Long> ids) {
    for (long id : ids) {
      checkUnlink(ctx, id);
    }
    for (long id : ids) {
      for (FieldSpec f : fields.values()) {
        if (f.type() == FieldType.ONE2MANY) {
          SandboxModel child = registry.model(f.relation());
          for (long childId : child.idsWhere(f.inverseName(), id)) {
            child.delete(childId); // ondelete='cascade' on the inverse many2one
          }
        }
      }
      Map<String, Object> row = rows.get(id);
      delete(id);
      afterUnlink(ctx, id, row);
    }
  }

  // "Invalid field %r on model %r" (BaseModel._add_missing_default_values / write)
  private void checkFieldNames(Map<String, Object> vals) {
    for (String key : vals.keySet()) {
      if (!fields.containsKey(key)) {
        throw OdooError.valueError("Invalid field " + PythonRepr.repr(key) + " on model " + PythonRepr.repr(name));
      }
    }
  }

  /** Raises the multi-company record-rule AccessError when the row's company is not enabled. */
  final void checkRecordRule(CallContext ctx, Map<String, Object> row, AccessMode mode) {
    if (ctx.su() || companyField == null || row == null) {
      return;
    }
    Object company = row.get(companyField);
    if (company instanceof Long c && !ctx.companyIds().contains(c)) {
      throw registry.accessRules().ruleError(ctx, this, List.of(c), mode);
    }
  }

  /** Whether the row passes the multi-company record rules for this context. */
  final boolean visible(CallContext ctx, long id) {
    if (ctx.su() || companyField == null) {
      return true;
    }
    Object company = rows.get(id).get(companyField);
    return !(company instanceof Long c) || ctx.companyIds().contains(c);
  }

  private void checkConstraints(long id) {
    Map<String, Object> row = rows.get(id);
    if (row == null) {
      return;
    }
    for (FieldSpec f : fields.values()) {
      if (f.required() && !f.type().x2many() && row.get(f.name()) == null) {
        throw registry.constraintMessages().notNull(this, f);
      }
      Object v = row.get(f.name());
      if (f.type() == FieldType.MANY2ONE && v != null && !isMagic(f)
          && !registry.model(f.relation()).exists((Long) v)) {
        throw registry.constraintMessages().foreignKey(this, f);
      }
      if (f.uniqueMessage() != null && v != null && idsWhere(f.name(), v).size() > 1) {
        throw registry.constraintMessages().unique(f);
      }
    }
  }
}
