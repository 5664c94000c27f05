package dev.ofg.sandbox;

import java.util.List;

/**
 * Describes one field of a sandbox model the way {@code fields_get} reports it, plus the storage
 * rules the sandbox enforces (required, computed, SQL unique constraint message).
 *
 * @param relation comodel name of relational fields, else {@code null}
 * @param inverseName for one2many, the many2one field on the comodel pointing back
 * @param selection pairs of (value, label) for selection fields
 * @param computed the value is computed by the model, writes to it are ignored
 * @param uniqueMessage message of a {@code unique(...)} SQL constraint on this column, or {@code null}
 */
record FieldSpec(
    String name,
    FieldType type,
    String string,
    boolean required,
    boolean readonly,
    String relation,
    String inverseName,
    List<List<String>> selection,
    boolean computed,
    String uniqueMessage,
    String currencyField) {

  FieldSpec {
    selection = selection == null ? List.of() : List.copyOf(selection);
  }

  static FieldSpec of(String name, FieldType type, String string) {
    return new FieldSpec(name, type, string, false, false, null, null, null, false, null, null);
  }

  static FieldSpec chars(String name, String string) {
    return of(name, FieldType.CHAR, string);
  }

  static FieldSpec many2one(String name, String string, String relation) {
    return new FieldSpec(name, FieldType.MANY2ONE, string, false, false, relation, null, null, false, null, null);
  }

  static FieldSpec one2many(String name, String string, String relation, String inverseName) {
    return new FieldSpec(name, FieldType.ONE2MANY, string, false, false, relation, inverseName, null, false,
        null, null);
  }

  static FieldSpec many2many(String name, String string, String relation) {
    return new FieldSpec(name, FieldType.MANY2MANY, string, false, false, relation, null, null, false, null, null);
  }

  static FieldSpec selection(String name, String string, List<List<String>> options) {
    return new FieldSpec(name, FieldType.SELECTION, string, false, false, null, null, options, false, null, null);
  }

  static FieldSpec monetary(String name, String string) {
    return new FieldSpec(name, FieldType.MONETARY, string, false, false, null, null, null, false, null,
        "currency_id");
  }

  FieldSpec asRequired() {
    return new FieldSpec(name, type, string, true, readonly, relation, inverseName, selection, computed,
        uniqueMessage, currencyField);
  }

  FieldSpec asReadonly() {
    return new FieldSpec(name, type, string, required, true, relation, inverseName, selection, computed,
        uniqueMessage, currencyField);
  }

  /** A computed field: readonly for clients, maintained by the model. */
  FieldSpec asComputed() {
    return new FieldSpec(name, type, string, required, true, relation, inverseName, selection, true,
        uniqueMessage, currencyField);
  }

  FieldSpec asUnique(String message) {
    return new FieldSpec(name, type, string, required, readonly, relation, inverseName, selection, computed,
        message, currencyField);
  }

  FieldSpec withCurrencyField(String field) {
    return new FieldSpec(name, type, string, required, readonly, relation, inverseName, selection, computed,
        uniqueMessage, field);
  }

  boolean allowsValue(String value) {
    for (List<String> option : selection) {
      if (option.get(0).equals(value)) {
        return true;
      }
    }
    return false;
  }
}
