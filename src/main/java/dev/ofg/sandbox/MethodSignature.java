package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes the Python signature of a model method so that arguments can be bound the way Python
 * does: positionally for {@code execute_kw} / {@code call_kw} (errors worded like CPython's
 * {@code TypeError}), by name for JSON-2 (errors worded like {@code inspect.Signature.bind}, which
 * Odoo 19's json2 controller turns into 422 Unprocessable Entity).
 *
 * @param qualname e.g. {@code "BaseModel.search"}
 * @param apiModel {@code @api.model}: no record ids are passed
 * @param varKw the method takes {@code **kwargs}
 * @param implicitArgs 1 for methods ({@code self} counts in CPython's messages), 0 for functions
 * @param varArgs the function takes {@code *args}
 */
record MethodSignature(String qualname, boolean apiModel, List<Param> params, boolean varKw, int implicitArgs,
    boolean varArgs) {

  /** A parameter after {@code self}: required ones have no default. */
  record Param(String name, boolean required, Object defaultValue) {
    static Param required(String name) {
      return new Param(name, true, null);
    }

    static Param optional(String name, Object defaultValue) {
      return new Param(name, false, defaultValue);
    }
  }

  MethodSignature {
    params = List.copyOf(params);
  }

  static MethodSignature model(String qualname, Param... params) {
    return new MethodSignature(qualname, true, List.of(params), false, 1, false);
  }

  static MethodSignature records(String qualname, Param... params) {
    return new MethodSignature(qualname, false, List.of(params), false, 1, false);
  }

  /** A plain function (no {@code self}), e.g. {@code exp_login} or a controller endpoint's own arguments. */
  static MethodSignature function(String qualname, Param... params) {
    return new MethodSignature(qualname, true, List.of(params), false, 0, false);
  }

  /** Accepts extra positional arguments ({@code *args}); they are not bound to names. */
  MethodSignature withVarArgs() {
    return new MethodSignature(qualname, apiModel, params, varKw, implicitArgs, true);
  }

  MethodSignature withVarKw() {
    return new MethodSignature(qualname, apiModel, params, true, implicitArgs, varArgs);
  }

  /** Binds like a Python call {@code method(self, *args, **kwargs)}. */
  Map<String, Object> bindCall(List<Object> args, Map<String, Object> kwargs) {
    if (args.size() > params.size() && !varArgs) {
      throw OdooError.typeError(qualname + "() " + takesMessage(args.size() + implicitArgs));
    }
    Map<String, Object> bound = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(args.size(), params.size()); i++) {
      bound.put(params.get(i).name(), args.get(i));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
      Param p = find(e.getKey());
      if (p == null) {
        if (!varKw) {
          throw OdooError.typeError(qualname + "() got an unexpected keyword argument '" + e.getKey() + "'");
        }
        extra.put(e.getKey(), e.getValue());
      } else if (bound.containsKey(p.name())) {
        throw OdooError.typeError(qualname + "() got multiple values for argument '" + p.name() + "'");
      } else {
        bound.put(p.name(), e.getValue());
      }
    }
    List<String> missing = new ArrayList<>();
    for (Param p : params) {
      if (!bound.containsKey(p.name())) {
        if (p.required()) {
          missing.add(p.name());
        } else {
          bound.put(p.name(), p.defaultValue());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw OdooError.typeError(qualname + "() " + missingMessage(missing));
    }
    bound.putAll(extra);
    return bound;
  }

  /** Binds like {@code inspect.signature(func).bind(records, **kwargs)}. */
  Map<String, Object> bindNamed(Map<String, Object> kwargs) {
    Map<String, Object> bound = new LinkedHashMap<>();
    for (Param p : params) {
      if (kwargs.containsKey(p.name())) {
        bound.put(p.name(), kwargs.get(p.name()));
      } else if (p.required()) {
        throw OdooError.http(OdooErrorKind.HTTP_UNPROCESSABLE_ENTITY,
            "missing a required argument: '" + p.name() + "'");
      } else {
        bound.put(p.name(), p.defaultValue());
      }
    }
    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
      if (find(e.getKey()) == null) {
        if (!varKw) {
          throw OdooError.http(OdooErrorKind.HTTP_UNPROCESSABLE_ENTITY,
              "got an unexpected keyword argument '" + e.getKey() + "'");
        }
        bound.put(e.getKey(), e.getValue());
      }
    }
    return bound;
  }

  private Param find(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  // CPython: "takes 2 positional arguments but 3 were given" / "takes from 2 to 5 positional ..."
  private String takesMessage(int given) {
    int max = params.size() + implicitArgs;
    int min = implicitArgs + (int) params.stream().filter(Param::required).count();
    String takes = min == max ? String.valueOf(max) : "from " + min + " to " + max;
    return "takes " + takes + " positional argument" + (max == 1 ? "" : "s") + " but " + given
        + (given == 1 ? " was" : " were") + " given";
  }

  private static String missingMessage(List<String> missing) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < missing.size(); i++) {
      if (i > 0) {
        names.append(i == missing.size() - 1 ? (missing.size() > 2 ? ", and " : " and ") : ", ");
      }
      names.append('\'').append(missing.get(i)).append('\'');
    }
    return "missing " + missing.size() + " required positional argument" + (missing.size() == 1 ? "" : "s")
        + ": " + names;
  }
}
