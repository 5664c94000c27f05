package dev.ofg.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Describes one model method call as it arrived over the wire.
 *
 * @param args positional arguments ({@code execute_kw} / {@code call_kw}; empty for JSON-2)
 * @param kwargs keyword arguments, {@code context} included for RPC styles
 * @param ids record ids (JSON-2 only; RPC styles carry them as {@code args[0]})
 * @param context the JSON-2 {@code context} member (RPC styles carry it in kwargs)
 */
record ModelCall(Style style, String model, String method, List<Object> args, Map<String, Object> kwargs,
    List<Long> ids, Map<String, Object> context) {

  /** How the call reached Odoo; each path has its own checks and error shapes. */
  enum Style {
    /** {@code /jsonrpc} service {@code object}: odoo.service.model.execute_kw. */
    OBJECT_SERVICE,
    /** {@code /web/dataset/call_kw}: the web client's route. */
    DATASET,
    /** {@code /json/2/<model>/<method>} (Odoo 19). */
    JSON2
  }

  static ModelCall rpc(Style style, String model, String method, List<Object> args, Map<String, Object> kwargs) {
    return new ModelCall(style, model, method, args, kwargs, List.of(), Map.of());
  }

  static ModelCall json2(String model, String method, List<Long> ids, Map<String, Object> context,
      Map<String, Object> kwargs) {
    return new ModelCall(Style.JSON2, model, method, List.of(), kwargs, ids, context);
  }
}
