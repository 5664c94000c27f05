package dev.ofg.bank;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes camt bytes to text before the XML parser sees them: by byte order mark, else by the XML
 * declaration's encoding, else UTF-8. Decoding here, strictly, keeps the JDK parser from printing
 * encoding errors to stderr and lets one fallback apply: bytes that claim (or default to) UTF-8 but
 * are not valid UTF-8 are read as ISO-8859-15, the mix-up OCA's importer documents for ABN AMRO.
 */
final class XmlCharacterDecoder {

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("\\A<\\?xml[^>]{0,200}?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,39})[\"']");
  private static final Charset LATIN_9 = Charset.forName("ISO-8859-15");

  private XmlCharacterDecoder() {
  }

  static String decode(byte[] content) {
    if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
      return strict(content, 3, StandardCharsets.UTF_8);
    }
    if (startsWith(content, 0xFE, 0xFF)) {
      return strict(content, 2, StandardCharsets.UTF_16BE);
    }
    if (startsWith(content, 0xFF, 0xFE)) {
      return strict(content, 2, StandardCharsets.UTF_16LE);
    }
    Charset declared = declared(content);
    if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
      return strict(content, 0, declared);
    }
    try {
      return decodeStrictly(content, 0, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return new String(content, LATIN_9);
    }
  }

  private static Charset declared(byte[] content) {
    String head = new String(content, 0, Math.min(content.length, 256), StandardCharsets.ISO_8859_1);
    Matcher matcher = DECLARED_ENCODING.matcher(head);
    if (!matcher.find()) {
      return null;
    }
    try {
      Charset charset = Charset.forName(matcher.group(1));
      // A UTF-16 declaration without byte order mark: the ASCII head we just read proves it false.
      return charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32") ? null : charset;
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw BankStatementException.unsupported("XML encoding " + Texts.excerpt(matcher.group(1)) + " is not supported");
    }
  }

  private static String strict(byte[] content, int offset, Charset charset) {
    try {
      return decodeStrictly(content, offset, charset);
    } catch (CharacterCodingException e) {
      throw BankStatementException.malformed("file is not valid " + charset.name() + " text");
    }
  }

  private static String decodeStrictly(byte[] content, int offset, Charset charset) throws CharacterCodingException {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
