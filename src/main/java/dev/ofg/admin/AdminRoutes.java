package dev.ofg.admin;

import io.vertx.ext.web.Router;

/**
 * Contributes operator endpoints under {@code /admin} on the management port; every one is reached only after
 * authentication and the admin role check, and is audited like any other call.
 */
@FunctionalInterface
public interface AdminRoutes {
  /** Adds routes to the admin sub-router (paths relative to {@code /admin}). */
  void mount(Router admin);
}
