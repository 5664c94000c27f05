package dev.ofg.sandbox;

import dev.ofg.sandbox.MethodSignature.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Implements the services behind {@code /jsonrpc} ({@code odoo.http.dispatch_rpc}): {@code common}
 * (version, login, authenticate), {@code db} (list, server_version, db_exist; the others need the
 * master password) and {@code object} (execute, execute_kw), with the argument handling and errors
 * of odoo/service/common.py, db.py and model.py for the targeted series.
 */
final class RpcServices {
  private static final Set<String> DB_ADMIN_METHODS = Set.of("create_database", "duplicate_database", "drop",
      "dump", "restore", "rename", "change_admin_password", "migrate_databases");

  private final SandboxServices services;

  RpcServices(SandboxServices services) {
    this.services = services;
  }

  Object dispatch(Object service, Object method, List<Object> args) {
    String name = method instanceof String s ? s : PythonRepr.str(method);
    if ("common".equals(service)) {
      return common(name, args);
    }
    if ("db".equals(service)) {
      return db(name, args);
    }
    if ("object".equals(service)) {
      return object(name, args);
    }
    throw OdooError.of(OdooErrorKind.KEY_ERROR, PythonRepr.str(service));
  }

  /** RPC_VERSION_1 of odoo/service/common.py. */
  Map<String, Object> version() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("server_version", services.version().serie());
    v.put("server_version_info", services.version().versionInfo());
    v.put("server_serie", services.version().serie());
    v.put("protocol_version", 1L);
    return v;
  }

  private Object common(String method, List<Object> args) {
    switch (method) {
      case "version" -> {
        MethodSignature.function("exp_version").bindCall(args, Map.of());
        return version();
      }
      case "login" -> {
        Map<String, Object> a = MethodSignature.function("exp_login", Param.required("db"), Param.required("login"),
            Param.required("password")).bindCall(args, Map.of());
        return authenticate(a);
      }
      case "authenticate" -> {
        Map<String, Object> a = MethodSignature.function("exp_authenticate", Param.required("db"),
            Param.required("login"), Param.required("password"), Param.required("user_agent_env"))
            .bindCall(args, Map.of());
        return authenticate(a);
      }
      case "about" -> {
        return "See http://openerp.com";
      }
      default -> throw OdooError.of(OdooErrorKind.EXCEPTION, "Method not found: " + method);
    }
  }

  // exp_authenticate: AccessDenied is swallowed, the caller gets False.
  private Object authenticate(Map<String, Object> a) {
    services.auth().checkDatabase(a.get("db"));
    return services.auth().login(a.get("login"), a.get("password")).<Object>map(SandboxUser::uid).orElse(false);
  }

  private Object db(String method, List<Object> args) {
    switch (method) {
      case "list" -> {
        return List.of(services.database());
      }
      case "server_version" -> {
        return services.version().serie();
      }
      case "db_exist" -> {
        Map<String, Object> a = MethodSignature.function("exp_db_exist", Param.required("db_name"))
            .bindCall(args, Map.of());
        return services.database().equals(a.get("db_name"));
      }
      default -> {
        if (DB_ADMIN_METHODS.contains(method)) {
          throw OdooError.accessDenied(); // check_super: the sandbox has no master password
        }
        throw OdooError.of(OdooErrorKind.KEY_ERROR, "Method not found: " + method);
      }
    }
  }

  private Object object(String method, List<Object> params) {
    return services.version().atLeast(OdooVersion.V19) ? object19(method, params) : object17(method, params);
  }

  // 17.0/18.0: db, uid, passwd = params[0], int(params[1]), params[2]; security.check(); execute(_kw)(*params[3:])
  private Object object17(String method, List<Object> params) {
    if (params.size() < 3) {
      throw OdooError.of(OdooErrorKind.INDEX_ERROR, "list index out of range");
    }
    long uid = pythonInt(params.get(1));
    services.auth().checkDatabase(params.get(0));
    SandboxUser user = services.auth().checkUid(uid, params.get(2));
    List<Object> rest = params.subList(3, params.size());
    if ("execute".equals(method)) {
      Map<String, Object> a = MethodSignature.function("execute", Param.required("db"), Param.required("uid"),
          Param.required("obj"), Param.required("method")).withVarArgs().bindCall(prefixed(params, rest), Map.of());
      return call(user, a.get("obj"), a.get("method"), varArgs(rest, 2), Map.of());
    }
    if ("execute_kw".equals(method)) {
      Map<String, Object> a = MethodSignature.function("execute_kw", Param.required("db"), Param.required("uid"),
          Param.required("obj"), Param.required("method"), Param.required("args"), Param.optional("kw", null))
          .bindCall(prefixed(params, rest), Map.of());
      return call(user, a.get("obj"), a.get("method"), a.get("args"), a.get("kw"));
    }
    throw OdooError.of(OdooErrorKind.NAME_ERROR, "Method not available " + method);
  }

  private static List<Object> prefixed(List<Object> params, List<Object> rest) {
    List<Object> all = new ArrayList<>();
    all.add(params.get(0));
    all.add(params.get(1));
    all.addAll(rest);
    return all;
  }

  private static List<Object> varArgs(List<Object> rest, int skip) {
    return rest.size() <= skip ? List.of() : new ArrayList<>(rest.subList(skip, rest.size()));
  }

  // 19.0: db, uid, passwd, model, method_, *args = params
  private Object object19(String method, List<Object> params) {
    if (params.size() < 5) {
      throw OdooError.valueError("not enough values to unpack (expected at least 5, got " + params.size() + ")");
    }
    long uid = pythonInt(params.get(1));
    if (!JsonValues.truthy(params.get(2))) {
      throw OdooError.accessDenied();
    }
    List<Object> rest = new ArrayList<>(params.subList(5, params.size()));
    Object kw;
    if ("execute".equals(method)) {
      kw = Map.of();
    } else if ("execute_kw".equals(method)) {
      if (rest.size() == 1) {
        rest.add(Map.of());
      }
      if (rest.size() != 2) {
        throw OdooError.valueError(rest.size() < 2 ? "not enough values to unpack (expected 2, got " + rest.size() + ")"
            : "too many values to unpack (expected 2)");
      }
      kw = rest.get(1);
      rest = JsonValues.asList(rest.get(0)) == null ? List.of(rest.get(0)) : JsonValues.asList(rest.get(0));
    } else {
      throw OdooError.of(OdooErrorKind.NAME_ERROR, "Method not available " + method);
    }
    services.auth().checkDatabase(params.get(0));
    SandboxUser user = services.auth().checkUid(uid, params.get(2));
    return call(user, params.get(3), params.get(4), rest, kw);
  }

  private Object call(SandboxUser user, Object model, Object method, Object args, Object kw) {
    List<Object> positional = JsonValues.asList(args);
    if (positional == null) {
      throw OdooError.typeError("Value after * must be an iterable, not " + StandardMethods.pythonTypeName(args));
    }
    Map<String, Object> kwargs = ValueConverter.isUnset(kw) ? Map.of() : JsonValues.asMap(kw);
    if (kwargs == null) {
      throw OdooError.typeError("argument after ** must be a mapping, not " + StandardMethods.pythonTypeName(kw));
    }
    return services.registry().call(user, ModelCall.rpc(ModelCall.Style.OBJECT_SERVICE, PythonRepr.str(model),
        PythonRepr.str(method), positional, kwargs));
  }

  static long pythonInt(Object value) {
    Object v = JsonValues.plainShallow(value);
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw OdooError.valueError("invalid literal for int() with base 10: " + PythonRepr.repr(s));
      }
    }
    throw OdooError.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
        + StandardMethods.pythonTypeName(v) + "'");
  }
}
