package dev.ofg.odoo.xmlrpc;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code methodResponse} documents byte for byte as Odoo 18 and 19 do: Python's
 * {@code xmlrpc.client.Marshaller} output inside Odoo's {@code dumps()} envelope, with Odoo's
 * {@code OdooMarshaller} overrides (control characters stripped from strings, bytes and dates written
 * as strings).
 *
 * <p>Odoo 17 differs only in the envelope: {@code <?xml version='1.0'?>} with single quotes and no blank
 * line before {@code </methodResponse>}; XML parsers see no difference.
 */
final class XmlRpcResponseEncoder {

  private static final String HEAD = "<?xml version=\"1.0\"?>\n<methodResponse>\n";
  /**
   * Declares the prefix once on the root, as Apache's own writer does: Apache's parser (ws-commons
   * {@code NamespaceContextImpl}) fails on a declaration made on the {@code ex:nil} element itself.
   */
  private static final String EXTENSIONS_HEAD = "<?xml version=\"1.0\"?>\n"
      + "<methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">\n";
  private static final String TAIL = "\n</methodResponse>\n";
  private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter ODOO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final ResponseDialect dialect;

  XmlRpcResponseEncoder(ResponseDialect dialect) {
    this.dialect = dialect;
  }

  Buffer response(Object value, XmlRpcEndpoint endpoint) {
    String head = dialect == ResponseDialect.ODOO ? HEAD : EXTENSIONS_HEAD;
    StringBuilder out = new StringBuilder(256).append(head).append("<params>\n<param>\n");
    try {
      new Writer(out).value(value);
    } catch (Unmarshallable e) {
      return fault(OdooFaultMapper.forMarshallingError(e.pythonClass, e.getMessage(), endpoint));
    }
    out.append("</param>\n</params>\n").append(TAIL);
    return Buffer.buffer(out.toString());
  }

  Buffer fault(XmlRpcFault fault) {
    StringBuilder out = new StringBuilder(256).append(HEAD).append("<fault>\n<value><struct>\n");
    Writer writer = new Writer(out);
    writer.member("faultCode", fault.faultCode());
    writer.member("faultString", fault.faultString());
    out.append("</struct></value>\n</fault>\n").append(TAIL);
    return Buffer.buffer(out.toString());
  }

  /** Raised where Odoo's marshaller raises: the response becomes a fault, as in Odoo. */
  private static final class Unmarshallable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pythonClass;

    Unmarshallable(String pythonClass, String message) {
      super(message, null, false, false);
      this.pythonClass = pythonClass;
    }
  }

  /** Writes one value tree; remembers the open containers to refuse cycles. */
  private final class Writer {
    private final StringBuilder out;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Writer(StringBuilder out) {
      this.out = out;
    }

    void value(Object value) {
      if (value == null) {
        nil();
      } else if (value instanceof String s) {
        string(s);
      } else if (value instanceof Boolean b) {
        out.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
      } else if (value instanceof Number n) {
        number(n);
      } else if (value instanceof JsonObject o) {
        struct(o.getMap());
      } else if (value instanceof Map<?, ?> m) {
        struct(m);
      } else if (value instanceof JsonArray a) {
        array(a.getList());
      } else if (value instanceof List<?> l) {
        array(l);
      } else {
        other(value);
      }
    }

    private void other(Object value) {
      if (value instanceof byte[] bytes) {
        string(utf8(bytes));
      } else if (value instanceof Buffer buffer) {
        string(utf8(buffer.getBytes()));
      } else if (value instanceof Instant instant) {
        string(ODOO_DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
      } else if (value instanceof LocalDateTime dateTime) {
        string(ODOO_DATETIME.format(dateTime));
      } else if (value instanceof LocalDate date) {
        string(ODOO_DATE.format(date));
      } else if (value instanceof CharSequence text) {
        string(text.toString());
      } else {
        throw new IllegalArgumentException(
            "cannot marshal " + value.getClass().getName() + " (expected: a Vert.x JSON value)");
      }
    }

    private void nil() {
      if (dialect == ResponseDialect.ODOO) {
        throw new Unmarshallable("TypeError", "cannot marshal None unless allow_none is enabled");
      }
      out.append("<value><ex:nil/></value>\n");
    }

    private void number(Number n) {
      if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
        integer(n.longValue());
      } else if (n instanceof Long l) {
        integer(l);
      } else if (n instanceof BigInteger big) {
        bigInteger(big);
      } else if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
        out.append("<value><double>").append(PythonText.floatRepr(n.doubleValue())).append("</double></value>\n");
      } else {
        throw new IllegalArgumentException("cannot marshal " + n.getClass().getName());
      }
    }

    private void bigInteger(BigInteger big) {
      if (big.bitLength() < Long.SIZE) {
        integer(big.longValue());
      } else if (dialect == ResponseDialect.ODOO) {
        throw new Unmarshallable("OverflowError", "int exceeds XML-RPC limits");
      } else {
        out.append("<value><ex:biginteger>").append(big)
            .append("</ex:biginteger></value>\n");
      }
    }

    private void integer(long n) {
      if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
        out.append("<value><int>").append(n).append("</int></value>\n");
      } else if (dialect == ResponseDialect.ODOO) {
        // Python's Marshaller.dump_long; Odoo adds nothing for large ints.
        throw new Unmarshallable("OverflowError", "int exceeds XML-RPC limits");
      } else {
        out.append("<value><ex:i8>").append(n).append("</ex:i8></value>\n");
      }
    }

    private void string(String s) {
      out.append("<value><string>");
      appendEscaped(xmlChars(s));
      out.append("</string></value>\n");
    }

    private void struct(Map<?, ?> map) {
      enter(map);
      out.append("<value><struct>\n");
      for (Map.Entry<?, ?> entry : withXmlSafeNames(map).entrySet()) {
        member((String) entry.getKey(), entry.getValue());
      }
      out.append("</struct></value>\n");
      open.remove(map);
    }

    void member(String name, Object value) {
      out.append("<member>\n<name>");
      appendEscaped(xmlChars(name));
      out.append("</name>\n");
      value(value);
      out.append("</member>\n");
    }

    private void array(List<?> list) {
      enter(list);
      out.append("<value><array><data>\n");
      for (Object item : list) {
        value(item);
      }
      out.append("</data></array></value>\n");
      open.remove(list);
    }

    private void enter(Object container) {
      if (!open.add(container)) {
        throw new IllegalArgumentException("cannot marshal a value that contains itself");
      }
    }

    /** Escapes like Python's {@code xmlrpc.client.escape}: {@code & < >}, nothing else. */
    private void appendEscaped(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          default -> out.append(c);
        }
      }
    }
  }

  /**
   * Checks every key: struct names must be strings (Python raises {@code TypeError} otherwise), and
   * names that only differ by characters XML cannot carry would collide once cleaned, so such a map
   * is rebuilt with cleaned names, the last value winning as in a Python dict (Apache's parser
   * rejects a struct with a repeated name).
   */
  private static Map<?, ?> withXmlSafeNames(Map<?, ?> map) {
    boolean clean = true;
    for (Object key : map.keySet()) {
      if (!(key instanceof String name)) {
        throw new Unmarshallable("TypeError", "dictionary key must be string");
      }
      clean &= xmlChars(name) == name;
    }
    if (clean) {
      return map;
    }
    Map<String, Object> cleaned = new LinkedHashMap<>();
    map.forEach((key, value) -> cleaned.put(xmlChars((String) key), value));
    return cleaned;
  }

  /**
   * Returns {@code s} without what XML 1.0 cannot carry: C0 controls except tab, LF, CR (as Odoo's
   * {@code dump_unicode} strips them since 17.0), and U+FFFE, U+FFFF and unpaired surrogates, which
   * Odoo would emit and so break the client's parser. Unlike Odoo, struct names are cleaned too. CR is
   * kept raw, as Odoo writes it, so XML end-of-line handling turns it into LF at the client.
   * Returns {@code s} itself when nothing is dropped.
   */
  static String xmlChars(String s) {
    int length = s.length();
    int i = 0;
    while (i < length && isKeptAt(s, i)) {
      i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
    }
    if (i >= length) {
      return s;
    }
    StringBuilder kept = new StringBuilder(length).append(s, 0, i);
    for (; i < length; i++) {
      if (isKeptAt(s, i)) {
        char c = s.charAt(i);
        kept.append(c);
        if (Character.isHighSurrogate(c)) {
          kept.append(s.charAt(++i));
        }
      }
    }
    return kept.toString();
  }

  /** Tells whether the character at {@code i} is kept; a high surrogate only with its low half. */
  private static boolean isKeptAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return isXmlChar(c);
  }

  private static boolean isXmlChar(char c) {
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    return !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
  }

  /** Odoo 18/19 write bytes as {@code value.decode()}: strict UTF-8, a UnicodeDecodeError otherwise. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Unmarshallable("UnicodeDecodeError", "'utf-8' codec can't decode the bytes: invalid UTF-8");
    }
  }
}
