package dev.ofg.http;

/** Names the RoutingContext data entries that handlers share along the policy chain. */
public final class RequestKeys {
  /** {@link TraceContext} of the request. */
  public static final String TRACE = "ofg.trace";
  /** Route template the request matched (String), for bounded metric labels and audit rows. */
  public static final String ROUTE = "ofg.route";
  /** {@link ErrorFormat} the failure handler must answer in. */
  public static final String ERROR_FORMAT = "ofg.errorFormat";
  /** Authenticated client id (String). */
  public static final String CLIENT_ID = "ofg.clientId";
  /** Odoo model the call targets (String), for metrics-free audit. */
  public static final String ODOO_MODEL = "ofg.odooModel";
  /** Odoo method the call targets (String). */
  public static final String ODOO_METHOD = "ofg.odooMethod";
  /** Outcome override (String) when the status alone does not tell, e.g. "denied". */
  public static final String OUTCOME = "ofg.outcome";
  /** Reason recorded in the audit trail for a denial or failure (String, already masked). */
  public static final String REASON = "ofg.reason";
  /** JSON-RPC request id to echo in an error envelope. */
  public static final String JSONRPC_ID = "ofg.jsonrpcId";

  private RequestKeys() {
  }
}
