package dev.ofg.sandbox;

import io.vertx.ext.web.handler.BodyHandler;

/** Creates the body handler of Odoo routes: bodies are buffered in memory, bounded, never written to disk. */
final class OdooBodyHandler {
  /** Largest request body accepted (Odoo's own default is 128 MiB; RPC payloads stay far below). */
  static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private OdooBodyHandler() {}

  static BodyHandler create() {
    return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
  }
}
