package dev.ofg.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Binds a public model method name to its Python signature, the access right Odoo checks for it
 * and the sandbox implementation.
 *
 * @param access the ACL operation checked before the call, or {@code null} for none
 */
record ModelMethod(MethodSignature signature, AccessMode access, Body body) {

  /** Implements a model method on the given record ids with bound arguments. */
  @FunctionalInterface
  interface Body {
    Object invoke(CallContext ctx, List<Long> ids, Map<String, Object> args);
  }
}
