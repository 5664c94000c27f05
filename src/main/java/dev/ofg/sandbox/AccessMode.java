package dev.ofg.sandbox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Enumerates the four operations of Odoo's access rights ({@code ir.model.access} perm_* columns). */
public enum AccessMode {
  READ,
  WRITE,
  CREATE,
  UNLINK;

  /** Every operation: full access to a model. */
  public static Set<AccessMode> all() {
    return EnumSet.allOf(AccessMode.class);
  }

  /** The operation name Odoo uses in messages and APIs ({@code "read"}, {@code "write"}, ...). */
  public String odooName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
