package dev.ofg.policy.limits;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a request body under the limits of its route: refuses a content type the route does not accept (415)
 * and a declared Content-Length above its limit (413) before reading a byte, then reads at most that many
 * bytes (413 past it), and leaves the route's limits in the context for {@link JsonLimitsHandler}.
 *
 * <p>It is a {@link BodyHandler}, so Vert.x places it where body handlers go (after platform and
 * security-policy handlers, before authentication). Limits are looked up per request in the current policy
 * snapshot, so a reload changes them without rebuilding routes.
 */
public final class RequestBodyHandler implements BodyHandler {
  /** RoutingContext key of the request's {@link RouteLimits}. */
  public static final String LIMITS = "ofg.routeLimits";

  private final Supplier<RequestLimits> limits;
  private final String routeClass;
  private final BodyFormat format;
  /** One Vert.x body reader per distinct configured size; a handful at most. */
  private final Map<Long, BodyHandler> readers = new ConcurrentHashMap<>();

  private RequestBodyHandler(Supplier<RequestLimits> limits, String routeClass, BodyFormat format) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.routeClass = Objects.requireNonNull(routeClass, "routeClass");
    this.format = Objects.requireNonNull(format, "format");
  }

  /**
   * Creates the handler for routes of one route class and body format.
   *
   * @param limits the limits in force (read per request, so reloads apply at once)
   */
  public static RequestBodyHandler create(Supplier<RequestLimits> limits, String routeClass, BodyFormat format) {
    return new RequestBodyHandler(limits, routeClass, format);
  }

  @Override
  public void handle(RoutingContext ctx) {
    RouteLimits route = limits.get().forRoute(ctx.get(RequestKeys.ROUTE, "unmatched"), routeClass, format);
    ctx.put(LIMITS, route);
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request);
    if (hasBody(request, declared)) {
      String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
      if (!route.accepts(contentType)) {
        ctx.fail(GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "this route accepts a body of type "
            + String.join(" or ", route.contentTypes()) + ", not " + printable(contentType)));
        return;
      }
      if (declared > route.maxBodyBytes()) {
        ctx.fail(GatewayException.of(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is " + declared
            + " bytes; this route accepts at most " + route.maxBodyBytes()));
        return;
      }
    }
    readers.computeIfAbsent(route.maxBodyBytes(), max -> BodyHandler.create(false).setBodyLimit(max)).handle(ctx);
  }

  private static boolean hasBody(HttpServerRequest request, long declared) {
    return declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || request.version() == HttpVersion.HTTP_2 && !request.isEnded();
  }

  /** Returns the Content-Length, or -1 when absent or unreadable (the body reader then enforces the limit). */
  private static long declaredLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String printable(String contentType) {
    if (contentType == null) {
      return "none";
    }
    String cleaned = contentType.replaceAll("[^\\x20-\\x7e]", "?");
    return cleaned.length() <= 80 ? cleaned : cleaned.substring(0, 80) + "...";
  }

  // The limits come from the configuration; the setters of BodyHandler have nothing to configure.

  @Override
  public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
    throw unsupported();
  }

  @Override
  public BodyHandler setBodyLimit(long bodyLimit) {
    throw unsupported();
  }

  @Override
  public BodyHandler setUploadsDirectory(String uploadsDirectory) {
    throw unsupported();
  }

  @Override
  public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
    throw unsupported();
  }

  @Override
  public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
    throw unsupported();
  }

  @Override
  public BodyHandler setPreallocateBodyBuffer(boolean isPreallocateBodyBuffer) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("body limits come from the limits section of the configuration");
  }
}
