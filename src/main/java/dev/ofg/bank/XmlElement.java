package dev.ofg.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds one small, fully read XML element (a balance, an account, one transaction detail) so that
 * camt mapping code can navigate it by local names; large parents are streamed, never held whole.
 */
record XmlElement(String name, String text, Map<String, String> attributes, List<XmlElement> children) {

  /** Returns the first direct child with that local name, or null. */
  XmlElement child(String childName) {
    for (XmlElement child : children) {
      if (child.name.equals(childName)) {
        return child;
      }
    }
    return null;
  }

  /** Returns the first element along the path of local names, or null when any step is missing. */
  XmlElement find(String... path) {
    XmlElement current = this;
    for (String step : path) {
      current = current.child(step);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** Returns the cleaned text at the path, or null when absent or blank. */
  String text(String... path) {
    XmlElement found = find(path);
    return found == null ? null : Texts.clean(found.text);
  }

  /** Returns every direct child with that local name. */
  List<XmlElement> all(String childName) {
    List<XmlElement> found = new ArrayList<>();
    for (XmlElement child : children) {
      if (child.name.equals(childName)) {
        found.add(child);
      }
    }
    return found;
  }

  /** Returns the attribute value, or null. */
  String attribute(String attributeName) {
    return attributes.get(attributeName);
  }
}
