package dev.ofg.sandbox;

/**
 * Builds the ValidationError Odoo raises when PostgreSQL rejects a row: 17.0/18.0
 * {@code odoo.service.model._as_validation_error}, 19.0 {@code BaseModel._sql_error_to_message}
 * wrapped by {@code retrying} in "The operation cannot be completed: %s".
 */
final class ConstraintMessages {
  private final OdooVersion version;

  ConstraintMessages(OdooVersion version) {
    this.version = version;
  }

  OdooError notNull(SandboxModel model, FieldSpec field) {
    if (version.atLeast(OdooVersion.V19)) {
      return OdooError.validationError("The operation cannot be completed: Missing required value for the field '"
          + field.string() + "' (" + field.name() + ").\n"
          + "Model: '" + model.description() + "' (" + model.name() + ")\n"
          + "- create/update: a mandatory field is not set\n"
          + "- delete: another model requires the record being deleted, you can archive it instead\n");
    }
    return OdooError.validationError("The operation cannot be completed:\n"
        + "- Create/update: a mandatory field is not set.\n"
        + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
        + "Model: " + model.description() + " (" + model.name() + ")\n"
        + "Field: " + field.string() + " (" + field.name() + ")\n");
  }

  OdooError foreignKey(SandboxModel model, FieldSpec field) {
    if (version.atLeast(OdooVersion.V19)) {
      return OdooError.validationError("The operation cannot be completed: Another model is using the record you are"
          + " trying to delete.\n\nThe troublemaker is: '" + model.description() + "' (" + model.name() + ")\n"
          + "Thanks to the following constraint: '" + field.string() + "' (" + field.name() + ")\n"
          + "How about archiving the record instead?");
    }
    return OdooError.validationError("The operation cannot be completed: another model requires the record being"
        + " deleted. If possible, archive it instead.\n\n"
        + "Model: " + model.description() + " (" + model.name() + ")\n"
        + "Constraint: " + model.name().replace('.', '_') + "_" + field.name() + "_fkey\n");
  }

  /** A {@code unique(...)} constraint with a message: every series reports that message. */
  OdooError unique(FieldSpec field) {
    return OdooError.validationError("The operation cannot be completed: " + field.uniqueMessage());
  }
}
