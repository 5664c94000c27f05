/**
 * Speaks Odoo's XML-RPC wire format ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object},
 * {@code /xmlrpc/<service>}) for the gateway's Odoo-compatible facade, with Vert.x JSON types inside.
 *
 * <p>Entry point: {@link dev.ofg.odoo.xmlrpc.XmlRpcCodec}. Faults for Odoo exceptions:
 * {@link dev.ofg.odoo.xmlrpc.OdooFaultMapper}. Bad request bodies:
 * {@link dev.ofg.odoo.xmlrpc.XmlRpcException}, answered with
 * {@link dev.ofg.odoo.xmlrpc.OdooFaultMapper#forRejectedRequest}.
 *
 * <h2>Odoo behaviour this package reproduces</h2>
 * Read in Odoo 17.0 and 18.0 {@code odoo/addons/base/controllers/rpc.py} and 19.0
 * {@code addons/rpc/controllers/xmlrpc.py} (where the controller moved), with CPython 3.11
 * {@code Lib/xmlrpc/client.py}:
 * <ul>
 *   <li>Requests are parsed with {@code xmlrpc.client.loads(data)} (17) or
 *       {@code loads(data, use_datetime=True)} (18, 19); {@code use_builtin_types} is never set, so
 *       {@code <base64>} reaches the ORM as an {@code xmlrpc.client.Binary}, and
 *       {@code <dateTime.iso8601>} as {@code xmlrpc.client.DateTime} (17) or a naive
 *       {@code datetime} parsed strictly as {@code %Y%m%dT%H:%M:%S} (18, 19). CPython's parser
 *       accepts {@code <nil/>} whatever {@code allow_none} says, ignores element prefixes (so
 *       Apache's {@code ex:nil}, {@code ex:i8}, {@code ex:i1}, {@code ex:i2}, {@code ex:float},
 *       {@code ex:biginteger}, {@code ex:bigdecimal} work) and rejects other unknown types in a
 *       {@code <value>}.
 *   <li>Results are written by {@code OdooMarshaller(allow_none=False)}: {@code None} anywhere in a
 *       result raises {@code TypeError: cannot marshal None unless allow_none is enabled} and the
 *       client gets fault 1, although the method ran. Integers beyond 32 bits raise CPython's
 *       {@code OverflowError: int exceeds XML-RPC limits} (Odoo adds no special handling). Dict
 *       keys must be strings ({@code TypeError: dictionary key must be string}; Odoo does not
 *       convert them). Floats are {@code repr()}. {@code date}/{@code datetime} become the strings
 *       {@code yyyy-MM-dd} / {@code yyyy-MM-dd HH:mm:ss}; {@code bytes} become
 *       {@code value.decode()} text (17: {@code ustr}); {@code frozendict} (19:
 *       {@code MappingProxyType}), {@code defaultdict} and {@code Markup} are written as dict and
 *       string. Strings lose C0 control characters other than tab, LF and CR (since 17.0). Text is
 *       escaped for {@code & < >} only.
 *   <li>Envelope of 18 and 19: {@code <?xml version="1.0"?>\n<methodResponse>\n...\n</methodResponse>\n}
 *       ({@code dumps()}); 17 used {@code xmlrpc.client.dumps} ({@code <?xml version='1.0'?>}, no
 *       blank line). Content type {@code text/xml; charset=utf-8}, HTTP 200 for results and faults.
 *       19.0 (and later 17.0 patches) attach the fault as the exception's {@code error_response}
 *       and re-raise it, so the transaction rolls back; {@code odoo.http.Application} then returns
 *       that same response.
 *   <li>Faults: see {@link dev.ofg.odoo.xmlrpc.OdooFaultMapper}. A body {@code loads} cannot parse
 *       (expat error) gets the generic branch: fault 1 with the traceback.
 * </ul>
 *
 * <h2>Deliberate differences</h2>
 * <ul>
 *   <li>{@code <base64>} becomes canonical base64 text, the form Odoo's binary fields and JSON-RPC
 *       take; Odoo itself would hand the ORM a {@code Binary} object, which its binary fields do not
 *       accept.
 *   <li>{@code <dateTime.iso8601>} becomes Odoo's datetime string {@code yyyy-MM-dd HH:mm:ss}.
 *   <li>Integers beyond 64 bits, {@code inf}, {@code nan} and overflowing doubles are rejected:
 *       JSON cannot carry them (Odoo would accept and fail later).
 *   <li>Unknown elements anywhere, text between structural elements and DTDs are rejected
 *       (CPython skips unknown elements outside a value and expat accepts internal DTDs).
 *   <li>Struct names are cleaned of characters XML cannot carry, as strings are; U+FFFE, U+FFFF and
 *       unpaired surrogates are dropped too. Odoo would write them raw and break the client's parser.
 *   <li>The gateway gets Odoo results through JSON-RPC, where dict keys are already strings, so a
 *       method whose dict has integer keys answers here where Odoo's XML-RPC would fault.
 *   <li>Faults for results Odoo cannot marshal carry the last traceback line only, since the
 *       gateway has no Python stack; clients that look for {@code "cannot marshal None"} still match.
 * </ul>
 */
package dev.ofg.odoo.xmlrpc;
