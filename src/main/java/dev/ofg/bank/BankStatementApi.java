package dev.ofg.bank;

import dev.ofg.config.BankImportConfig;
import dev.ofg.http.ApiResponse;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.ProblemSource;
import dev.ofg.http.RouteTemplate;
import dev.ofg.http.TraceContext;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import dev.ofg.policy.authz.PermissionHandler;
import dev.ofg.policy.idempotency.IdempotencyPolicy;
import dev.ofg.policy.idempotency.IdempotentRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /api/v1/bank-statements}: uploads a camt.053, camt.054 or MT940 file and imports its lines into
 * Odoo, answering per line what happened (see docs/bank-statements.md).
 *
 * <p>Route chain: route template, body (its own limit, default 20 MiB; multipart files spooled to disk and deleted
 * when the request ends), authentication, rate limit (route class {@code bank-import}), permission
 * ({@code account.bank.statement.line} create), then Idempotency-Key and the import. The file is the raw body
 * ({@code application/xml}, {@code text/xml}, {@code text/plain}, {@code application/octet-stream}) or the one file
 * of a {@code multipart/form-data} body. Parameters (query, or form fields): {@code journal} (an Odoo journal code)
 * and {@code format} ({@code camt.053}, {@code camt.054}, {@code mt940}).
 */
public final class BankStatementApi {
  public static final String PATH = "/api/v1/bank-statements";
  public static final String ROUTE_CLASS = "bank-import";
  private static final Logger LOG = LoggerFactory.getLogger(BankStatementApi.class);
  private static final Set<String> RAW_TYPES = Set.of("application/xml", "text/xml", "text/plain",
      "application/octet-stream");
  private static final String MULTIPART = "multipart/form-data";

  private final Vertx vertx;
  private final BankStatementImporter importer;
  private final BankImportConfig config;
  private final Handler<RoutingContext> authentication;
  private final IdempotencyPolicy idempotency;
  private final Function<String, Handler<RoutingContext>> rateLimit;

  /**
   * Creates the route.
   *
   * @param rateLimit the rate-limit handler of a route class (this route uses {@code bank-import})
   */
  public BankStatementApi(Vertx vertx, BankStatementImporter importer, BankImportConfig config,
      Handler<RoutingContext> authentication, IdempotencyPolicy idempotency,
      Function<String, Handler<RoutingContext>> rateLimit) {
    this.vertx = vertx;
    this.importer = importer;
    this.config = config;
    this.authentication = authentication;
    this.idempotency = idempotency;
    this.rateLimit = rateLimit;
  }

  public void mount(Router router) {
    String uploads = config.uploadsDirectory().toString();
    // Created ahead, so the body handler only finds it (it checks with a blocking call per multipart request).
    vertx.fileSystem().mkdirs(uploads).onFailure(failure -> LOG.warn("cannot create the statement uploads "
        + "directory {}: {}", uploads, failure.toString()));
    BodyHandler body = BodyHandler.create(uploads).setBodyLimit(config.maxBodyBytes())
        .setDeleteUploadedFilesOnEnd(true);
    router.post(PATH).handler(RouteTemplate.of(PATH)).handler(body).handler(authentication)
        .handler(rateLimit.apply(ROUTE_CLASS))
        .handler(PermissionHandler.requiring(List.of(new PermissionHandler.Permission(
            OdooStatementLines.LINE_MODEL, "create"))))
        .handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String journal = journal(ctx.request().getParam("journal"));
    BankStatementFormat format = format(ctx.request().getParam("format"));
    GatewayClient client = ClientAuthenticationHandler.client(ctx);
    TraceContext trace = CorrelationHandler.trace(ctx);
    BankImportRequest request = BankImportRequest.upload(journal, format, client.companies());
    String operation = PATH + "?journal=" + (journal == null ? "" : journal) + "&format="
        + (format == null ? "" : format.name());
    file(ctx)
        .compose(content -> vertx.executeBlocking(() -> IdempotentRequest.fingerprint("POST", operation, content),
                false)
            .compose(fingerprint -> idempotency.execute(new IdempotentRequest(client.id(),
                    IdempotentRequest.parseKey(ctx.request().getHeader(IdempotentRequest.HEADER)), fingerprint,
                    idempotency.config().requiredOnCanonicalWrites(), true), trace.correlationId(),
                () -> importer.importFile(content, request, trace)
                    // A report of thousands of lines is megabytes of JSON: render it off the event loop.
                    .compose(report -> vertx.executeBlocking(() -> ApiResponse.json(report.httpStatus(),
                        report.toJson()), false))
                    .recover(BankStatementApi::problem))))
        .onSuccess(response -> response.send(ctx))
        .onFailure(ctx::fail);
  }

  /** Turns an import or Odoo failure into its problem: the importer has logged it, so it is no unhandled failure. */
  private static Future<ApiResponse> problem(Throwable failure) {
    return Future.failedFuture(failure instanceof ProblemSource ? ((ProblemSource) failure).toProblem() : failure);
  }

  /** Returns the uploaded file: the raw body, or the one file of a multipart form (read without blocking). */
  private Future<Buffer> file(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    Future<Buffer> content;
    if (MULTIPART.equals(mediaType)) {
      List<FileUpload> uploads = ctx.fileUploads();
      if (uploads.size() != 1) {
        return Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST, "the multipart form carries "
            + uploads.size() + " files (expected: exactly one, the statement file)"));
      }
      content = vertx.fileSystem().readFile(uploads.get(0).uploadedFileName());
    } else if (RAW_TYPES.contains(mediaType)) {
      Buffer body = ctx.body().buffer();
      content = Future.succeededFuture(body == null ? Buffer.buffer() : body);
    } else {
      return Future.failedFuture(GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send the statement file "
          + "as application/xml or text/xml (camt.053, camt.054), as text/plain or application/octet-stream "
          + "(MT940), or as the one file of a multipart/form-data body"));
    }
    return content.compose(file -> file.length() == 0
        ? Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST, "the request carries no statement file"))
        : Future.succeededFuture(file));
  }

  private static String journal(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!BankImportConfig.isJournalCode(value.strip())) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "journal: '" + truncate(value)
          + "' (expected: an Odoo journal code, e.g. BNK1)");
    }
    return value.strip();
  }

  static BankStatementFormat format(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "camt.053":
      case "camt053":
        return BankStatementFormat.CAMT_053;
      case "camt.054":
      case "camt054":
        return BankStatementFormat.CAMT_054;
      case "mt940":
        return BankStatementFormat.MT940;
      default:
        throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "format: '" + truncate(value)
            + "' (expected: camt.053, camt.054 or mt940)");
    }
  }

  private static String truncate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
