package dev.ofg.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds registries and options with three users: an admin, the finance service account and a reader. */
final class SandboxFixture {
  static final SandboxUser ADMIN = SandboxUser.admin(2, "admin", SandboxOptions.randomSecret(),
      SandboxOptions.randomSecret(), List.of(1L, 2L));
  static final SandboxUser SERVICE = SandboxUser.financeService(6, "gateway", SandboxOptions.randomSecret(),
      SandboxOptions.randomSecret(), List.of(1L));
  static final SandboxUser READER = new SandboxUser(7, "reader", SandboxOptions.randomSecret(),
      SandboxOptions.randomSecret(), "Read Only", List.of(1L), Map.of("res.partner", Set.of(AccessMode.READ)), false);
  static final List<SandboxUser> USERS = List.of(ADMIN, SERVICE, READER);

  private SandboxFixture() {}

  static SandboxOptions options(String version) {
    return new SandboxOptions("127.0.0.1", 0, "demo", version, USERS, true);
  }

  static ModelRegistry registry(OdooVersion version) {
    return registry(version, () -> false);
  }

  static ModelRegistry registry(OdooVersion version, java.util.function.BooleanSupplier serializationFault) {
    ModelRegistry registry = new ModelRegistry(version, Clock.systemUTC(), serializationFault);
    ModelCatalog.register(registry, version, new MoveSequence());
    new SeedData(registry, ADMIN).load(USERS, true);
    return registry;
  }

  /** An {@code execute_kw} call through the object service path. */
  static Object call(ModelRegistry registry, SandboxUser user, String model, String method, List<Object> args,
      Map<String, Object> kwargs) {
    return registry.call(user, ModelCall.rpc(ModelCall.Style.OBJECT_SERVICE, model, method, args, kwargs));
  }

  static Object call(ModelRegistry registry, SandboxUser user, String model, String method, List<Object> args) {
    return call(registry, user, model, method, args, Map.of());
  }

  /** The id of the first record of {@code model} matching {@code field = value} (sudo). */
  static long idOf(ModelRegistry registry, String model, String field, Object value) {
    SandboxModel m = registry.model(model);
    for (long id : m.allIds()) {
      if (value.equals(m.row(id).get(field))) {
        return id;
      }
    }
    throw new IllegalArgumentException(model + " has no record with " + field + " = " + value);
  }
}
