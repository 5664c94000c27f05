package dev.ofg.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Simulates {@code res.partner}: contacts shared by all companies unless {@code company_id} is set,
 * with {@code ref} (the external reference integrations match on) and a contact hierarchy.
 */
final class PartnerModel extends SandboxModel {
  PartnerModel() {
    super("res.partner", "Contact", "complete_name, id desc", "company_id", List.of(
        FieldSpec.chars("name", "Name"),
        FieldSpec.chars("complete_name", "Complete Name").asComputed(),
        FieldSpec.chars("ref", "Reference"),
        FieldSpec.chars("email", "Email"),
        FieldSpec.chars("phone", "Phone"),
        FieldSpec.chars("vat", "Tax ID"),
        FieldSpec.chars("street", "Street"),
        FieldSpec.chars("city", "City"),
        FieldSpec.chars("zip", "Zip"),
        FieldSpec.chars("country_code", "Country Code"),
        FieldSpec.of("is_company", FieldType.BOOLEAN, "Is a Company"),
        FieldSpec.many2one("parent_id", "Related Company", "res.partner"),
        FieldSpec.one2many("child_ids", "Contact", "res.partner", "parent_id"),
        FieldSpec.many2one("company_id", "Company", "res.company"),
        FieldSpec.of("customer_rank", FieldType.INTEGER, "Customer Rank"),
        FieldSpec.of("supplier_rank", FieldType.INTEGER, "Supplier Rank"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active")));
  }

  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    return ReferenceModels.withActive();
  }

  @Override
  protected void afterChange(CallContext ctx, long id) {
    String name = displayName(id);
    if (!name.equals(row(id).get("complete_name"))) {
      update(ctx, id, "complete_name", name);
    }
  }

  // res.partner _compute_complete_name: "Company, Contact" for a contact person of a company
  @Override
  protected String displayName(long id, Map<String, Object> row) {
    String name = row.get("name") == null ? "" : row.get("name").toString();
    Object parent = row.get("parent_id");
    if (parent != null && !Boolean.TRUE.equals(row.get("is_company")) && exists((Long) parent)) {
      return displayName((Long) parent) + ", " + name;
    }
    return name;
  }
}
