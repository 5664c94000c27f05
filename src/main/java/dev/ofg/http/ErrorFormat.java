package dev.ofg.http;

/** Names the wire format a route answers errors in, so existing Odoo clients get errors they understand. */
public enum ErrorFormat {
  /** RFC 9457 {@code application/problem+json}; the default. */
  PROBLEM_JSON,
  /** Odoo's JSON-RPC error envelope ({@code /jsonrpc}, {@code /web/...}). */
  JSON_RPC,
  /** An XML-RPC fault ({@code /xmlrpc/2/...}). */
  XML_RPC,
  /** Odoo JSON-2's HTTP status plus error object ({@code /json/2/...}). */
  JSON_2
}
