package dev.ofg.sandbox;

/** Enumerates the Odoo field types the sandbox models use, with their {@code fields_get} type names. */
enum FieldType {
  INTEGER("integer"),
  FLOAT("float"),
  MONETARY("monetary"),
  CHAR("char"),
  TEXT("text"),
  BOOLEAN("boolean"),
  DATE("date"),
  DATETIME("datetime"),
  SELECTION("selection"),
  MANY2ONE("many2one"),
  ONE2MANY("one2many"),
  MANY2MANY("many2many");

  private final String odooName;

  FieldType(String odooName) {
    this.odooName = odooName;
  }

  String odooName() {
    return odooName;
  }

  boolean relational() {
    return this == MANY2ONE || this == ONE2MANY || this == MANY2MANY;
  }

  boolean x2many() {
    return this == ONE2MANY || this == MANY2MANY;
  }

  boolean numeric() {
    return this == INTEGER || this == FLOAT || this == MONETARY;
  }
}
