package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny two-model dataset for evaluating domains without the ORM: {@code x.partner} (name, ref,
 * amount, active, parent_id, country_id, tag_ids) and {@code x.country} (name, code).
 */
final class FakeDomainData implements DomainData {
  static final String PARTNER = "x.partner";
  static final String COUNTRY = "x.country";

  private final Map<String, Map<String, FieldSpec>> schema = new LinkedHashMap<>();
  private final Map<String, Map<Long, Map<String, Object>>> rows = new LinkedHashMap<>();

  FakeDomainData() {
    Map<String, FieldSpec> partner = new LinkedHashMap<>();
    for (FieldSpec f : List.of(FieldSpec.of("id", FieldType.INTEGER, "ID"), FieldSpec.chars("name", "Name"),
        FieldSpec.chars("ref", "Reference"), FieldSpec.of("amount", FieldType.FLOAT, "Amount"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"),
        FieldSpec.many2one("parent_id", "Parent", PARTNER), FieldSpec.many2one("country_id", "Country", COUNTRY),
        FieldSpec.many2many("tag_ids", "Tags", COUNTRY))) {
      partner.put(f.name(), f);
    }
    schema.put(PARTNER, partner);
    Map<String, FieldSpec> country = new LinkedHashMap<>();
    for (FieldSpec f : List.of(FieldSpec.of("id", FieldType.INTEGER, "ID"), FieldSpec.chars("name", "Name"),
        FieldSpec.chars("code", "Code"))) {
      country.put(f.name(), f);
    }
    schema.put(COUNTRY, country);
    rows.put(PARTNER, new LinkedHashMap<>());
    rows.put(COUNTRY, new LinkedHashMap<>());
  }

  FakeDomainData country(long id, String name, String code) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("code", code);
    rows.get(COUNTRY).put(id, r);
    return this;
  }

  FakeDomainData partner(long id, String name, String ref, Double amount, Boolean active, Long parent,
      Long country, List<Long> tags) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("ref", ref);
    r.put("amount", amount);
    r.put("active", active);
    r.put("parent_id", parent);
    r.put("country_id", country);
    r.put("tag_ids", tags == null ? List.of() : tags);
    rows.get(PARTNER).put(id, r);
    return this;
  }

  List<Long> ids(String model) {
    return new ArrayList<>(rows.get(model).keySet());
  }

  @Override
  public FieldSpec field(String model, String fieldName) {
    Map<String, FieldSpec> fields = schema.get(model);
    return fields == null ? null : fields.get(fieldName);
  }

  @Override
  public Object value(String model, long id, String fieldName) {
    return "id".equals(fieldName) ? (Object) id : rows.get(model).get(id).get(fieldName);
  }

  @Override
  public String displayName(String model, long id) {
    return String.valueOf(rows.get(model).get(id).get("name"));
  }

  @Override
  public String parentField(String model) {
    return PARTNER.equals(model) ? "parent_id" : null;
  }
}
