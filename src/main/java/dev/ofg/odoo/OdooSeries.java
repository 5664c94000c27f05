package dev.ofg.odoo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Names the Odoo release series behind the gateway (17, 18, 19, ...) and the field and argument names that
 * differ between series, so callers never hard-code one version's names.
 *
 * <p>Facts were read in Odoo's sources: {@code account.payment} has {@code ref} on 17.0 and {@code memo} from
 * 18.0; {@code BaseModel.default_get} takes {@code fields_list} up to 18.0 and {@code fields} on 19.0;
 * {@code res.users} groups are {@code groups_id} up to 18.0 and {@code group_ids} on 19.0; JSON-2 exists from
 * 19.0.
 *
 * @param major the first number of Odoo's {@code server_version_info} (saas releases keep their series number)
 */
public record OdooSeries(int major) {
  /** The oldest series the gateway supports. */
  public static final int OLDEST_SUPPORTED = 17;
  /** The newest series the gateway was verified against. */
  public static final int NEWEST_SUPPORTED = 19;

  public OdooSeries {
    if (major < 1) {
      throw new IllegalArgumentException("major: " + major + " (expected: > 0)");
    }
  }

  /** Reads the series from Odoo's version answer ({@code server_version_info}, else {@code server_version}). */
  public static OdooSeries of(JsonObject versionInfo) {
    JsonArray info = versionInfo == null ? null : versionInfo.getJsonArray("server_version_info");
    if (info != null && !info.isEmpty() && info.getValue(0) instanceof Number) {
      return new OdooSeries(((Number) info.getValue(0)).intValue());
    }
    String text = versionInfo == null ? null : versionInfo.getString("server_version");
    if (text != null) {
      // "19.0", "18.0+e", "saas~18.3"
      String digits = text.replaceFirst("^saas~", "").replaceFirst("[^0-9].*$", "");
      if (!digits.isEmpty()) {
        return new OdooSeries(Integer.parseInt(digits));
      }
    }
    throw OdooErrors.malformed("a version without server_version_info");
  }

  public boolean atLeast(int series) {
    return major >= series;
  }

  /** Tells whether the gateway was built and verified for this series. */
  public boolean supported() {
    return major >= OLDEST_SUPPORTED && major <= NEWEST_SUPPORTED;
  }

  /** The {@code account.payment} field that holds the payment's memo (the communication). */
  public String paymentMemoField() {
    return atLeast(18) ? "memo" : "ref";
  }

  /** The name of {@code default_get}'s one parameter. */
  public String defaultGetParameter() {
    return atLeast(19) ? "fields" : "fields_list";
  }

  /** The {@code res.users} field that lists the user's groups. */
  public String userGroupsField() {
    return atLeast(19) ? "group_ids" : "groups_id";
  }

  /** Tells whether Odoo serves JSON-2 ({@code /json/2/<model>/<method>}). */
  public boolean hasJson2() {
    return atLeast(19);
  }

  @Override
  public String toString() {
    return major + ".0";
  }
}
