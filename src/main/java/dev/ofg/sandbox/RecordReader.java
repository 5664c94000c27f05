package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Formats records like {@code BaseModel.read} / {@code _read_format}: {@code id} first, many2one as
 * {@code [id, display_name]} (or the bare id with {@code load=None}) or {@code false}, x2many as id
 * lists, unset values as {@code false} (0 / 0.0 for numbers); records that no longer exist are
 * skipped, as {@code _read_format} does. Also builds {@code fields_get} descriptions.
 */
final class RecordReader {
  private RecordReader() {}

  static List<Map<String, Object>> read(SandboxModel model, List<Long> ids, List<String> fieldNames, boolean classic) {
    List<String> names = fieldNames == null || fieldNames.isEmpty() ? new ArrayList<>(model.fields().keySet())
        : fieldNames;
    for (String n : names) {
      if (model.field(n) == null) {
        throw OdooError.valueError("Invalid field " + PythonRepr.repr(n) + " on model "
            + PythonRepr.repr(model.name()));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (long id : ids) {
      if (!model.exists(id)) {
        continue;
      }
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("id", id);
      for (String n : names) {
        rec.put(n, readValue(model, id, model.field(n), classic));
      }
      out.add(rec);
    }
    return out;
  }

  static Object readValue(SandboxModel model, long id, FieldSpec f, boolean classic) {
    Object v = model.value(id, f.name());
    return switch (f.type()) {
      case MANY2ONE -> many2one(model, f, v, classic);
      case ONE2MANY, MANY2MANY -> v == null ? List.of() : new ArrayList<>((List<?>) v);
      case INTEGER -> v == null ? 0L : v;
      case FLOAT, MONETARY -> v == null ? 0.0 : v;
      case BOOLEAN -> v != null && (Boolean) v;
      default -> v == null ? false : v;
    };
  }

  private static Object many2one(SandboxModel model, FieldSpec f, Object v, boolean classic) {
    if (v == null) {
      return false;
    }
    SandboxModel comodel = model.registry().model(f.relation());
    long rid = (Long) v;
    if (!comodel.exists(rid)) {
      return false;
    }
    return classic ? List.of(rid, comodel.displayName(rid)) : rid;
  }

  static Map<String, Object> fieldsGet(SandboxModel model, List<Object> allfields, List<Object> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldSpec f : model.fields().values()) {
      if (allfields != null && !allfields.isEmpty() && !allfields.contains(f.name())) {
        continue;
      }
      Map<String, Object> desc = describe(f);
      if (attributes != null) {
        desc.keySet().retainAll(attributes);
      }
      out.put(f.name(), desc);
    }
    return out;
  }

  // Attribute names and meanings of Field.get_description (odoo/fields.py _description_* methods).
  private static Map<String, Object> describe(FieldSpec f) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", f.type().odooName());
    d.put("string", f.string());
    d.put("name", f.name());
    d.put("required", f.required());
    d.put("readonly", f.readonly());
    d.put("store", !"display_name".equals(f.name()) && f.type() != FieldType.ONE2MANY);
    d.put("searchable", true);
    d.put("sortable", !f.type().x2many() && !"display_name".equals(f.name()));
    d.put("manual", false);
    d.put("company_dependent", false);
    if (f.type().relational()) {
      d.put("relation", f.relation());
      d.put("context", Map.of());
      d.put("domain", List.of());
    }
    if (f.type() == FieldType.ONE2MANY) {
      d.put("relation_field", f.inverseName());
    }
    if (f.type() == FieldType.SELECTION) {
      d.put("selection", f.selection());
    }
    if (f.type() == FieldType.MONETARY) {
      d.put("currency_field", f.currencyField());
    }
    if (f.type() == FieldType.CHAR) {
      d.put("translate", false);
      d.put("trim", true);
    }
    return d;
  }
}
