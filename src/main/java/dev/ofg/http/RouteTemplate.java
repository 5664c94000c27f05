package dev.ofg.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Marks a request with the template of the route it matched and the error format that route speaks.
 *
 * <p>Put first on every route (it is a platform handler, which Vert.x runs before body and security handlers):
 * metrics and audit rows need the template even when a later handler fails.
 */
public final class RouteTemplate implements PlatformHandler {
  private final String template;
  private final ErrorFormat errorFormat;

  private RouteTemplate(String template, ErrorFormat errorFormat) {
    this.template = template;
    this.errorFormat = errorFormat;
  }

  public static RouteTemplate of(String template) {
    return new RouteTemplate(template, ErrorFormat.PROBLEM_JSON);
  }

  public static RouteTemplate of(String template, ErrorFormat errorFormat) {
    return new RouteTemplate(template, errorFormat);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(RequestKeys.ROUTE, template);
    ctx.put(RequestKeys.ERROR_FORMAT, errorFormat);
    ctx.next();
  }
}
