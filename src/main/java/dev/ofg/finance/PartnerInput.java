package dev.ofg.finance;

import io.vertx.core.json.JsonObject;

/** Describes a partner (customer or vendor) as an integrator sends it, keyed by its external reference. */
public record PartnerInput(
    String externalRef,
    String name,
    boolean isCompany,
    String email,
    String phone,
    String vat,
    String street,
    String city,
    String zip) {

  /** Parses and validates a request body; the external reference comes from the URL. */
  public static PartnerInput parse(String externalRef, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    RequestFields path = RequestFields.root(new JsonObject().put("externalRef", externalRef), errors);
    String ref = path.externalRef("externalRef", true);
    RequestFields in = RequestFields.root(body, errors);
    in.rejectUnknown("name", "isCompany", "email", "phone", "vat", "street", "city", "zip");
    PartnerInput input = new PartnerInput(ref, in.string("name", true, 256), in.bool("isCompany", true),
        in.string("email", false, 256), in.string("phone", false, 64), in.string("vat", false, 32),
        in.string("street", false, 256), in.string("city", false, 128), in.string("zip", false, 32));
    errors.throwIfAny();
    return input;
  }

  /** Maps to {@code res.partner} values; the external reference goes to {@code ref}. */
  public JsonObject odooValues() {
    JsonObject values = new JsonObject().put("ref", externalRef).put("name", name).put("is_company", isCompany);
    putIfPresent(values, "email", email);
    putIfPresent(values, "phone", phone);
    putIfPresent(values, "vat", vat);
    putIfPresent(values, "street", street);
    putIfPresent(values, "city", city);
    putIfPresent(values, "zip", zip);
    return values;
  }

  static void putIfPresent(JsonObject values, String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
