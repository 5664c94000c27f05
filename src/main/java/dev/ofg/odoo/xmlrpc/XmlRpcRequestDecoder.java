package dev.ofg.odoo.xmlrpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes an XML-RPC {@code methodCall} with StAX into Vert.x JSON values, rejecting DTDs and enforcing
 * the limits of {@link XmlRpcCodecOptions}.
 *
 * <p>Type mapping (Python's {@code xmlrpc.client.loads}, which Odoo uses, is the reference):
 * <ul>
 *   <li>{@code int}, {@code i4}, and the extensions {@code i1}, {@code i2}, {@code i8},
 *       {@code biginteger}: {@link Integer} when it fits 32 bits, else {@link Long}; beyond 64 bits is
 *       rejected (Python would accept it, but neither JSON-RPC to Odoo nor PostgreSQL ids carry it).
 *   <li>{@code boolean}: exactly {@code 0} or {@code 1}, like Python.
 *   <li>{@code string} and an untyped {@code <value>}: {@link String}, whitespace kept.
 *   <li>{@code double} and the extension {@code float}: {@link Double}; {@code inf}/{@code nan} and
 *       overflow are rejected because JSON cannot carry them.
 *   <li>{@code bigdecimal} (extension): {@link BigDecimal}.
 *   <li>{@code dateTime.iso8601}: Odoo 18/19 parse it strictly as {@code %Y%m%dT%H:%M:%S}
 *       ({@code loads(data, use_datetime=True)}); it becomes Odoo's server datetime string
 *       {@code yyyy-MM-dd HH:mm:ss}, which is what the ORM stores and what JSON-RPC carries.
 *   <li>{@code base64}: Odoo passes an {@code xmlrpc.client.Binary} to the ORM (it never sets
 *       {@code use_builtin_types}), which binary fields cannot take; Odoo's own convention is base64
 *       text. So the value becomes that text: canonical base64 (RFC 4648, padded, no line breaks).
 *   <li>{@code nil} (Python's {@code allow_none}) and Apache's {@code ex:nil}: {@code null}.
 *   <li>{@code struct}: {@link JsonObject} in document order, a repeated name keeping the last value
 *       (as Python's dict does); {@code array}: {@link JsonArray}.
 * </ul>
 * Like Python's parser, element prefixes are ignored ({@code ex:i8} is {@code i8}); unlike it, unknown
 * elements and text between structural elements are rejected rather than skipped.
 */
final class XmlRpcRequestDecoder {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern DATE_TIME =
      Pattern.compile("([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})");
  /** Python caps int() at 4300 digits; far shorter numbers already exceed what we keep. */
  private static final int MAX_NUMBER_CHARS = 1_000;
  /** Keeps a BigDecimal from later expanding to gigabytes in toPlainString(). */
  private static final int MAX_DECIMAL_SCALE = 10_000;
  private static final int MAX_NAME_IN_MESSAGE = 40;

  private final XmlRpcCodecOptions options;
  private final XMLInputFactory factory;

  XmlRpcRequestDecoder(XmlRpcCodecOptions options) {
    this.options = options;
    this.factory = secureFactory();
  }

  private static XMLInputFactory secureFactory() {
    // The JDK's own implementation, so a StAX provider on the classpath cannot change the rules.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    // Like Python's expat parser in xmlrpc.client: prefixes are part of the name, not namespaces.
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return factory;
  }

  XmlRpcCall decode(byte[] body) {
    if (body.length > options.maxRequestBytes()) {
      throw XmlRpcException.limitExceeded(
          "request body: " + body.length + " bytes (limit: " + options.maxRequestBytes() + ")");
    }
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
      return new Parse(reader).methodCall();
    } catch (XMLStreamException e) {
      throw XmlRpcException.malformed("not well-formed XML: " + firstLine(e.getMessage()));
    } catch (XmlRpcException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JDK parser reports some broken encodings with unchecked exceptions.
      throw XmlRpcException.malformed("unreadable XML: " + e.getClass().getSimpleName());
    } finally {
      closeQuietly(reader);
    }
  }

  private static void closeQuietly(XMLStreamReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (XMLStreamException | RuntimeException ignored) {
      // Nothing is held beyond the byte array; the outcome is already decided.
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    String flat = message.replace('\n', ' ').strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private static String shorten(String name) {
    return name.length() > MAX_NAME_IN_MESSAGE ? name.substring(0, MAX_NAME_IN_MESSAGE) + "..." : name;
  }

  /** Walks one document; holds the per-request counters. */
  private final class Parse {
    private final XMLStreamReader reader;
    private int depth;
    private int elements;

    Parse(XMLStreamReader reader) {
      this.reader = reader;
    }

    XmlRpcCall methodCall() throws XMLStreamException {
      expectStart("methodCall");
      expectStart("methodName");
      String methodName = text("methodName");
      JsonArray params = new JsonArray();
      int event = nextTag();
      if (event == XMLStreamConstants.START_ELEMENT) {
        requireName("params");
        params = params();
        expectEnd("methodCall");
      } else {
        requireName("methodCall");
      }
      expectEndOfDocument();
      return new XmlRpcCall(methodName, params);
    }

    private JsonArray params() throws XMLStreamException {
      JsonArray params = new JsonArray();
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        requireName("param");
        expectStart("value");
        params.add(value());
        expectEnd("param");
      }
      requireName("params");
      return params;
    }

    /** Reads a value whose {@code <value>} start tag is current, through its end tag. */
    private Object value() throws XMLStreamException {
      StringBuilder untyped = new StringBuilder();
      while (true) {
        int event = next();
        switch (event) {
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              appendText(untyped);
          case XMLStreamConstants.START_ELEMENT -> {
            if (!isXmlWhitespace(untyped)) {
              throw XmlRpcException.malformed("<value> mixes text with a typed element");
            }
            Object typed = typed(localName());
            expectEnd("value");
            return typed;
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return untyped.toString();
          }
          default -> rejectOrSkip(event);
        }
      }
    }

    private Object typed(String type) throws XMLStreamException {
      return switch (type) {
        case "int", "i4", "i1", "i2", "i8", "biginteger" -> integer(text(type));
        case "boolean" -> bool(text(type));
        case "string" -> text(type);
        case "double", "float" -> decimal(text(type));
        case "bigdecimal" -> bigDecimal(text(type));
        case "dateTime.iso8601" -> dateTime(text(type));
        case "base64" -> base64(text(type));
        case "nil" -> nil();
        case "struct" -> struct();
        case "array" -> array();
        default -> throw XmlRpcException.malformed("unknown value type <" + shorten(type) + ">");
      };
    }

    private Object nil() throws XMLStreamException {
      if (!isXmlWhitespace(text("nil"))) {
        throw XmlRpcException.malformed("<nil> must be empty");
      }
      return null;
    }

    private JsonObject struct() throws XMLStreamException {
      JsonObject struct = new JsonObject();
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        requireName("member");
        expectStart("name");
        String name = text("name");
        expectStart("value");
        struct.put(name, value());
        expectEnd("member");
      }
      requireName("struct");
      return struct;
    }

    private JsonArray array() throws XMLStreamException {
      expectStart("data");
      JsonArray array = new JsonArray();
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        requireName("value");
        array.add(value());
      }
      requireName("data");
      expectEnd("array");
      return array;
    }

    /** Reads the text of a leaf element whose start tag is current, through its end tag. */
    private String text(String element) throws XMLStreamException {
      StringBuilder text = new StringBuilder();
      while (true) {
        int event = next();
        switch (event) {
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              appendText(text);
          case XMLStreamConstants.START_ELEMENT ->
              throw XmlRpcException.malformed("<" + shorten(element) + "> must not contain elements");
          case XMLStreamConstants.END_ELEMENT -> {
            return text.toString();
          }
          default -> rejectOrSkip(event);
        }
      }
    }

    private void appendText(StringBuilder target) {
      int length = reader.getTextLength();
      if ((long) target.length() + length > options.maxTextChars()) {
        throw XmlRpcException.limitExceeded(
            "text of one element exceeds " + options.maxTextChars() + " characters");
      }
      target.append(reader.getTextCharacters(), reader.getTextStart(), length);
    }

    /** Advances to the next start or end tag; only whitespace, comments and PIs may lie between. */
    private int nextTag() throws XMLStreamException {
      while (true) {
        int event = next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
            return event;
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!isXmlWhitespace(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength())) {
              throw XmlRpcException.malformed("unexpected text between XML-RPC elements");
            }
          }
          default -> rejectOrSkip(event);
        }
      }
    }

    private void expectEndOfDocument() throws XMLStreamException {
      // Reading on is what makes the parser notice junk after the root element.
      while (reader.hasNext()) {
        nextTagOrEnd();
      }
    }

    private void nextTagOrEnd() throws XMLStreamException {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.END_DOCUMENT, XMLStreamConstants.COMMENT,
            XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE -> { }
        case XMLStreamConstants.CHARACTERS -> {
          if (!isXmlWhitespace(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength())) {
            throw XmlRpcException.malformed("text after </methodCall>");
          }
        }
        default -> throw XmlRpcException.malformed("content after </methodCall>");
      }
    }

    private void rejectOrSkip(int event) {
      switch (event) {
        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
        case XMLStreamConstants.DTD -> throw XmlRpcException.malformed("DOCTYPE is not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw XmlRpcException.malformed("entity references are not allowed");
        case XMLStreamConstants.END_DOCUMENT -> throw XmlRpcException.malformed("unexpected end of document");
        default -> throw XmlRpcException.malformed("unexpected XML event " + event);
      }
    }

    private int next() throws XMLStreamException {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (++depth > options.maxDepth()) {
          throw XmlRpcException.limitExceeded("element nesting exceeds " + options.maxDepth());
        }
        if (++elements > options.maxElements()) {
          throw XmlRpcException.limitExceeded("element count exceeds " + options.maxElements());
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
      return event;
    }

    private void expectStart(String name) throws XMLStreamException {
      if (nextTag() != XMLStreamConstants.START_ELEMENT) {
        throw XmlRpcException.malformed("expected <" + name + ">, found </" + shorten(localName()) + ">");
      }
      requireName(name);
    }

    private void expectEnd(String name) throws XMLStreamException {
      if (nextTag() != XMLStreamConstants.END_ELEMENT) {
        throw XmlRpcException.malformed("expected </" + name + ">, found <" + shorten(localName()) + ">");
      }
      requireName(name);
    }

    private void requireName(String expected) {
      String actual = localName();
      if (!actual.equals(expected)) {
        throw XmlRpcException.malformed("expected " + expected + ", found " + shorten(actual));
      }
    }

    private String localName() {
      String name = reader.getLocalName();
      int colon = name.lastIndexOf(':');
      return colon >= 0 ? name.substring(colon + 1) : name;
    }
  }

  private static Object integer(String text) {
    String digits = number(text, INTEGER, "int");
    BigInteger value = new BigInteger(digits);
    if (value.bitLength() < Integer.SIZE) {
      return value.intValue();
    }
    if (value.bitLength() < Long.SIZE) {
      return value.longValue();
    }
    throw XmlRpcException.malformed("integer out of 64-bit range: " + shorten(digits));
  }

  private static Double decimal(String text) {
    String number = number(text, DECIMAL, "double");
    double value = Double.parseDouble(number);
    if (Double.isInfinite(value)) {
      throw XmlRpcException.malformed("double out of range: " + shorten(number));
    }
    return value;
  }

  private static BigDecimal bigDecimal(String text) {
    String number = number(text, DECIMAL, "double");
    try {
      BigDecimal value = new BigDecimal(number);
      if (Math.abs((long) value.scale()) > MAX_DECIMAL_SCALE) {
        throw XmlRpcException.malformed("decimal exponent out of range: " + shorten(number));
      }
      return value;
    } catch (NumberFormatException e) {
      throw XmlRpcException.malformed("invalid number: " + shorten(number));
    }
  }

  private static String number(String text, Pattern syntax, String type) {
    // Python's int() and float() ignore surrounding whitespace; so do we.
    String number = text.strip();
    if (number.length() > MAX_NUMBER_CHARS) {
      throw XmlRpcException.limitExceeded(type + " text exceeds " + MAX_NUMBER_CHARS + " characters");
    }
    if (!syntax.matcher(number).matches()) {
      throw XmlRpcException.malformed("invalid " + type + ": \"" + shorten(number) + "\"");
    }
    return number;
  }

  private static Boolean bool(String text) {
    return switch (text) {
      case "1" -> Boolean.TRUE;
      case "0" -> Boolean.FALSE;
      default -> throw XmlRpcException.malformed("invalid boolean: \"" + shorten(text) + "\" (expected: 0 or 1)");
    };
  }

  private static String dateTime(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      throw XmlRpcException.malformed(
          "invalid dateTime.iso8601: \"" + shorten(text) + "\" (expected: yyyyMMddTHH:mm:ss)");
    }
    try {
      LocalDateTime.of(
          parse(m, 1), parse(m, 2), parse(m, 3), parse(m, 4), parse(m, 5), parse(m, 6));
    } catch (DateTimeException e) {
      throw XmlRpcException.malformed("invalid dateTime.iso8601: \"" + text + "\"");
    }
    return m.group(1) + '-' + m.group(2) + '-' + m.group(3) + ' '
        + m.group(4) + ':' + m.group(5) + ':' + m.group(6);
  }

  private static int parse(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static String base64(String text) {
    try {
      // Python's base64.decodebytes also skips characters outside the alphabet (line breaks).
      byte[] bytes = Base64.getMimeDecoder().decode(text);
      return Base64.getEncoder().encodeToString(bytes);
    } catch (IllegalArgumentException e) {
      throw XmlRpcException.malformed("invalid base64: " + e.getMessage());
    }
  }

  private static boolean isXmlWhitespace(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isXmlWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isXmlWhitespace(char[] chars, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!isXmlWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isXmlWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
