package dev.ofg.sandbox;

/** Gives the domain evaluator read access to model schemas and stored values, with no access checks. */
interface DomainData {
  /** The field, or {@code null} when the model has no such field. */
  FieldSpec field(String model, String fieldName);

  /**
   * The stored value: {@code null} for not set, a {@link Long} id for many2one, a {@code List<Long>}
   * for x2many, else the plain JSON-like value.
   */
  Object value(String model, long id, String fieldName);

  String displayName(String model, long id);

  /** The name of the model's hierarchy field ({@code parent_id}), or {@code null}. */
  String parentField(String model);
}
