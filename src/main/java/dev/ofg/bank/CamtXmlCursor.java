package dev.ofg.bank;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a camt document element by element with StAX, enforcing depth, text and node limits and
 * refusing any DTD, so that entity expansion (billion laughs) and external entities (XXE) can
 * never happen.
 */
final class CamtXmlCursor implements AutoCloseable {

  /** Upper bound of elements in one fully read element; a real TxDtls has well under 200. */
  static final int MAX_NODES_PER_ELEMENT = 5_000;
  private static final int MAX_ATTRIBUTES = 16;

  private static final XMLInputFactory FACTORY = createFactory();

  private final XMLStreamReader reader;
  private final BankStatementLimits limits;
  private int depth;

  private CamtXmlCursor(XMLStreamReader reader, BankStatementLimits limits) {
    this.reader = reader;
    this.limits = limits;
  }

  private static XMLInputFactory createFactory() {
    // The JDK's own implementation, not whatever a ServiceLoader finds on the class path, so the
    // security properties below are known to be honoured.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external resources are not allowed");
    });
    return factory;
  }

  static CamtXmlCursor open(byte[] content, BankStatementLimits limits) {
    try {
      String text = XmlCharacterDecoder.decode(content);
      return new CamtXmlCursor(FACTORY.createXMLStreamReader(new StringReader(text)), limits);
    } catch (XMLStreamException e) {
      throw notWellFormed(e, null);
    }
  }

  /** Advances to the root element. */
  void enterRoot() {
    int event;
    do {
      event = next();
    } while (event != XMLStreamConstants.START_ELEMENT);
  }

  String localName() {
    return reader.getLocalName();
  }

  String namespaceUri() {
    String uri = reader.getNamespaceURI();
    return uri == null ? "" : uri;
  }

  /**
   * From the start of a parent element (or after a fully consumed child), advances to the next
   * child element start; returns false once the parent's end tag is consumed.
   */
  boolean nextChild() {
    while (true) {
      int event = next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        throw BankStatementException.malformed("XML document ends inside an element");
      }
    }
  }

  /** Reads the current element (cursor on its start tag) and everything inside it. */
  XmlElement readElement() {
    int[] nodes = {0};
    return readElement(nodes);
  }

  private XmlElement readElement(int[] nodes) {
    if (++nodes[0] > MAX_NODES_PER_ELEMENT) {
      throw BankStatementException.limit("more than " + MAX_NODES_PER_ELEMENT + " XML elements inside one element");
    }
    String name = reader.getLocalName();
    Map<String, String> attributes = readAttributes();
    List<XmlElement> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          children.add(readElement(nodes));
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          appendText(text, name);
          break;
        case XMLStreamConstants.END_ELEMENT:
          return new XmlElement(name, text.toString(), attributes, List.copyOf(children));
        case XMLStreamConstants.END_DOCUMENT:
          throw BankStatementException.malformed("XML document ends inside element " + name);
        default:
          break;
      }
    }
  }

  /** Skips the current element (cursor on its start tag) without keeping anything. */
  void skipElement() {
    int level = 1;
    while (level > 0) {
      int event = next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        level++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        level--;
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        checkTextLength(reader.getTextLength(), "skipped element");
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        throw BankStatementException.malformed("XML document ends inside an element");
      }
    }
  }

  /** Consumes what follows the root element; anything but comments and whitespace is malformed. */
  void finish() {
    while (reader.getEventType() != XMLStreamConstants.END_DOCUMENT) {
      next();
    }
  }

  private Map<String, String> readAttributes() {
    int count = reader.getAttributeCount();
    if (count > MAX_ATTRIBUTES) {
      throw BankStatementException.limit("more than " + MAX_ATTRIBUTES + " attributes on element " + reader.getLocalName());
    }
    if (count == 0) {
      return Map.of();
    }
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String value = reader.getAttributeValue(i);
      checkTextLength(value.length(), "attribute " + reader.getAttributeLocalName(i));
      attributes.put(reader.getAttributeLocalName(i), value);
    }
    return Map.copyOf(attributes);
  }

  private void appendText(StringBuilder text, String elementName) {
    checkTextLength(text.length() + reader.getTextLength(), "element " + elementName);
    text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
  }

  private void checkTextLength(int length, String where) {
    if (length > limits.maxTextLength()) {
      throw BankStatementException.limit("text of " + where + " longer than " + limits.maxTextLength() + " characters");
    }
  }

  private int next() {
    int event;
    try {
      if (!reader.hasNext()) {
        return XMLStreamConstants.END_DOCUMENT;
      }
      event = reader.next();
    } catch (XMLStreamException | RuntimeException e) {
      throw notWellFormed(e, reader.getLocation());
    }
    switch (event) {
      case XMLStreamConstants.DTD:
        throw BankStatementException.malformed("DOCTYPE declarations are not allowed in camt files");
      case XMLStreamConstants.ENTITY_REFERENCE:
        throw BankStatementException.malformed("entity references are not allowed in camt files");
      case XMLStreamConstants.START_ELEMENT:
        if (++depth > limits.maxElementDepth()) {
          throw BankStatementException.limit("XML nesting deeper than " + limits.maxElementDepth() + " elements");
        }
        break;
      case XMLStreamConstants.END_ELEMENT:
        depth--;
        break;
      default:
        break;
    }
    return event;
  }

  private static BankStatementException notWellFormed(Exception cause, Location location) {
    String where = location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    String reason = cause.getMessage() == null ? "" : cause.getMessage();
    int message = reason.lastIndexOf("Message: ");
    reason = Texts.clean(message >= 0 ? reason.substring(message + 9) : reason);
    return BankStatementException.malformed("not well-formed XML" + where
        + (reason == null ? "" : ": " + (reason.length() > 160 ? reason.substring(0, 160) + "..." : reason)));
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // Nothing to release beyond the in-memory stream.
    }
  }
}
