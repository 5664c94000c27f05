/**
 * Simulates an Odoo 17.0 / 18.0 / 19.0 server in memory, speaking Odoo's real wire protocols, so
 * that the gateway, its tests, the demo and the load tests run with no Odoo.
 *
 * <p>Entry point: {@link dev.ofg.sandbox.OdooSandbox#start(io.vertx.core.Vertx, SandboxOptions)}.
 * Protocols: {@code POST /jsonrpc} (services common, db, object), {@code /web/session/*},
 * {@code /web/dataset/call_kw[/<path>]}, {@code /web/webclient/version_info}, and on 19.0
 * {@code GET /web/version} and JSON-2 ({@code POST /json/2/<model>/<method>}). Control:
 * {@code GET|PUT /sandbox/faults}, {@code POST /sandbox/reset}, {@code GET /sandbox/calls}.
 *
 * <p>Wire facts were read in Odoo's sources (17.0 release tree, the 18.0 release commit, the 19.0
 * nightly package of 2025-12-27): odoo/http.py (JsonRPCDispatcher, Json2Dispatcher,
 * serialize_exception, make_json_response, SessionExpiredException), odoo/exceptions.py,
 * odoo/service/common.py, db.py, model.py, addons/web/controllers/session.py, dataset.py,
 * webclient.py, 19.0 addons/rpc/controllers, odoo/osv/expression.py and odoo/orm/domains.py;
 * HTML error pages were checked against werkzeug 3.1. Comments name the source of each fact.
 */
package dev.ofg.sandbox;
