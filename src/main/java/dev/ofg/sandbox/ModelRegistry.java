package dev.ofg.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Holds the sandbox's models and dispatches model method calls the way
 * {@code odoo.service.model.execute_kw} / {@code call_kw} and Odoo 19's JSON-2 controller do:
 * method visibility, model access rights, argument binding, one transaction per call (rolled back
 * on error) and result adaptation ({@code create} of a dict returns an id, recordsets become ids).
 * Every public entry point is synchronized: callers from tests may read while the event loop writes.
 */
final class ModelRegistry implements DomainData {
  // odoo/models.py regex_private (17.0/18.0 check_method_name)
  private static final Pattern PRIVATE = Pattern.compile("^(_.*|init)$");

  private final OdooVersion version;
  private final Clock clock;
  private final Map<String, SandboxModel> models = new LinkedHashMap<>();
  private final AccessRules accessRules = new AccessRules();
  private final ConstraintMessages constraintMessages;
  private final CallCounters counters = new CallCounters();
  private final BooleanSupplier serializationFault;
  private UndoLog tx;
  private int commandDepth;

  ModelRegistry(OdooVersion version, Clock clock, BooleanSupplier serializationFault) {
    this.version = version;
    this.clock = clock;
    this.constraintMessages = new ConstraintMessages(version);
    this.serializationFault = serializationFault;
  }

  OdooVersion version() {
    return version;
  }

  void add(SandboxModel model) {
    models.put(model.name(), model);
    model.attach(this);
  }

  /** Indexes one2many inverse fields once every model is known. */
  void seal() {
    for (SandboxModel m : models.values()) {
      for (FieldSpec f : m.fields().values()) {
        if (f.type() == FieldType.ONE2MANY) {
          model(f.relation()).indexField(f.inverseName());
        }
      }
    }
  }

  SandboxModel model(String name) {
    SandboxModel m = models.get(name);
    if (m == null) {
      throw new IllegalArgumentException("model: " + name + " (expected: one of " + models.keySet() + ")");
    }
    return m;
  }

  boolean hasModel(String name) {
    return models.containsKey(name);
  }

  AccessRules accessRules() {
    return accessRules;
  }

  ConstraintMessages constraintMessages() {
    return constraintMessages;
  }

  CallCounters counters() {
    return counters;
  }

  /** Server-side UTC timestamp as Odoo serialises datetimes: {@code YYYY-MM-DD HH:MM:SS}. */
  String now() {
    return LocalDateTime.now(clock).format(ValueConverter.DATETIME);
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Marks x2many command processing, during which children defer recomputing their parent. */
  void enterCommands() {
    commandDepth++;
  }

  void exitCommands() {
    commandDepth--;
  }

  boolean inCommands() {
    return commandDepth > 0;
  }

  void undo(Runnable action) {
    if (tx != null) {
      tx.record(action);
    }
  }

  // ---------------------------------------------------------------- DomainData

  @Override
  public FieldSpec field(String model, String fieldName) {
    SandboxModel m = models.get(model);
    return m == null ? null : m.field(fieldName);
  }

  @Override
  public Object value(String model, long id, String fieldName) {
    return model(model).value(id, fieldName);
  }

  @Override
  public String displayName(String model, long id) {
    return model(model).displayName(id);
  }

  @Override
  public String parentField(String model) {
    SandboxModel m = model(model);
    FieldSpec parent = m.field("parent_id");
    return parent != null && model.equals(parent.relation()) ? "parent_id" : null;
  }

  // ---------------------------------------------------------------- calls

  /** Runs a model method call for an authenticated user and returns the JSON-ready result. */
  synchronized Object call(SandboxUser user, ModelCall call) {
    SandboxModel model = resolveModel(call);
    ModelMethod method = resolveMethod(model, call);
    counters.attempt(model.name(), call.method());
    Map<String, Object> kwargs = new LinkedHashMap<>(call.kwargs());
    Object rawContext = call.style() == ModelCall.Style.JSON2 ? call.context() : kwargs.remove("context");
    CallContext ctx = CallContext.of(user, version, JsonValues.asMap(rawContext));
    List<Long> ids = new ArrayList<>(call.ids());
    Map<String, Object> bound = bind(call, method, kwargs, ids);
    if (method.access() != null) {
      accessRules.check(ctx, model, method.access());
    }
    Object result = inTransaction(() -> {
      if (serializationFault.getAsBoolean()) {
        throw OdooError.serializationFailure();
      }
      return method.body().invoke(ctx, ids, bound);
    });
    counters.commit(model.name(), call.method());
    return adapt(call, bound, result);
  }

  private SandboxModel resolveModel(ModelCall call) {
    if (!version.atLeast(OdooVersion.V19) && call.style() != ModelCall.Style.JSON2) {
      // 17.0/18.0 execute() and DataSet.call_kw run check_method_name before looking the model up
      checkNotPrivate(call);
    }
    SandboxModel model = models.get(call.model());
    if (model == null) {
      throw unknownModel(call);
    }
    return model;
  }

  private OdooError unknownModel(ModelCall call) {
    return switch (call.style()) {
      case OBJECT_SERVICE -> OdooError.userError("Object " + call.model() + " doesn't exist");
      // 17.0: request.env[model] raises KeyError; 18.0+: DataSet._call_kw_readonly raises NotFound()
      case DATASET -> version == OdooVersion.V17 ? OdooError.of(OdooErrorKind.KEY_ERROR, call.model())
          : OdooError.http(OdooErrorKind.HTTP_NOT_FOUND, WerkzeugPages.NOT_FOUND_DESCRIPTION);
      case JSON2 -> OdooError.http(OdooErrorKind.HTTP_NOT_FOUND,
          "the model " + PythonRepr.repr(call.model()) + " does not exist");
    };
  }

  private void checkNotPrivate(ModelCall call) {
    if (PRIVATE.matcher(call.method()).matches()) {
      throw OdooError.accessError("Private methods (such as " + call.method() + ") cannot be called remotely.");
    }
  }

  private ModelMethod resolveMethod(SandboxModel model, ModelCall call) {
    if (version.atLeast(OdooVersion.V19) && call.method().startsWith("_")) {
      // odoo/service/model.py get_public_method
      throw OdooError.accessError("Private methods (such as '" + model.name() + "." + call.method()
          + "') cannot be called remotely.");
    }
    ModelMethod method = model.method(call.method());
    if (method != null) {
      return method;
    }
    String message = version.atLeast(OdooVersion.V19)
        ? "The method '" + model.name() + "." + call.method() + "' does not exist"
        : "The method '" + call.method() + "' does not exist on the model '" + model.name() + "'";
    if (call.style() == ModelCall.Style.JSON2) {
      throw OdooError.http(OdooErrorKind.HTTP_NOT_FOUND, message);
    }
    throw OdooError.of(OdooErrorKind.ATTRIBUTE_ERROR, message);
  }

  private Map<String, Object> bind(ModelCall call, ModelMethod method, Map<String, Object> kwargs, List<Long> ids) {
    MethodSignature sig = method.signature();
    if (call.style() == ModelCall.Style.JSON2) {
      if (sig.apiModel() && !ids.isEmpty()) {
        throw OdooError.http(OdooErrorKind.HTTP_UNPROCESSABLE_ENTITY,
            "cannot call " + call.model() + "." + call.method() + " with ids");
      }
      return sig.bindNamed(kwargs);
    }
    List<Object> args = call.args();
    if (!sig.apiModel()) {
      if (args.isEmpty()) {
        throw OdooError.of(OdooErrorKind.INDEX_ERROR, "list index out of range");
      }
      ids.addAll(idsOf(args.get(0)));
      args = args.subList(1, args.size());
    }
    return sig.bindCall(args, kwargs);
  }

  private static List<Long> idsOf(Object raw) {
    Object v = JsonValues.plainShallow(raw);
    if (v instanceof Number n) {
      return List.of(n.longValue());
    }
    if (ValueConverter.isUnset(v)) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    List<Object> list = JsonValues.asList(v);
    if (list != null) {
      for (Object o : list) {
        if (o instanceof Number n) {
          ids.add(n.longValue());
          continue;
        }
        throw OdooError.typeError("unhashable type: " + PythonRepr.repr(StandardMethods.pythonTypeName(o)));
      }
      return ids;
    }
    throw OdooError.valueError("Invalid ids " + PythonRepr.repr(v));
  }

  // odoo/service/model.py call_kw: create of a dict returns an id, of a list the ids; recordsets become ids.
  private static Object adapt(ModelCall call, Map<String, Object> bound, Object result) {
    if (result instanceof RecordSet rs) {
      if (call.style() != ModelCall.Style.JSON2 && "create".equals(call.method())
          && JsonValues.asMap(bound.get("vals_list")) != null) {
        return rs.ids().get(0);
      }
      return rs.ids();
    }
    return result;
  }

  /** Runs {@code work} as one transaction: every recorded change is undone if it throws. */
  synchronized <T> T inTransaction(java.util.function.Supplier<T> work) {
    UndoLog outer = tx;
    UndoLog log = new UndoLog();
    tx = log;
    try {
      T result = work.get();
      if (outer != null) {
        log.moveTo(outer);
      }
      return result;
    } catch (RuntimeException e) {
      log.rollback();
      throw e;
    } finally {
      tx = outer;
    }
  }

  // ---------------------------------------------------------------- direct access for tests

  /** Runs read-only work under the registry lock (e.g. building session info on the event loop). */
  synchronized <T> T locked(java.util.function.Supplier<T> work) {
    return work.get();
  }

  /** Drops every record of every model (reset); seeding follows. */
  synchronized void clearData() {
    models.values().forEach(SandboxModel::clear);
  }

  synchronized List<Map<String, Object>> readAll(String modelName) {
    SandboxModel m = model(modelName);
    return RecordReader.read(m, new ArrayList<>(m.allIds()), null, true);
  }

  synchronized long count(String modelName, Object domain, SandboxUser superuser) {
    CallContext ctx = CallContext.of(superuser, version, Map.of("active_test", false)).sudo();
    return RecordQuery.search(ctx, model(modelName), domain, 0, null, "id").size();
  }
}
