package dev.ofg.bank;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an MT940 file into the text blocks (block 4) of its messages. Two shapes are accepted:
 * SWIFT FIN envelopes ({@code {1:...}{2:...}{4:} ... {@code -}}), one or many in a row, and raw
 * block-4 text as banks export it (statements starting with {@code :20:}, optionally preceded by
 * Rabobank's {@code :940:} header line and separated by {@code -} lines). Anything else before the
 * first {@code :20:} is rejected rather than guessed at.
 */
final class Mt940MessageSplitter {

  private static final String RABOBANK_FILE_HEADER = ":940:";

  private Mt940MessageSplitter() {
  }

  /** Decodes as UTF-8 when valid, else as ISO-8859-1 (what Dutch bank exports use); normalises line ends. */
  static String decode(byte[] content) {
    int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
        && content[2] == (byte) 0xBF ? 3 : 0;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
    } catch (CharacterCodingException e) {
      text = new String(content, start, content.length - start, StandardCharsets.ISO_8859_1);
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Returns the block-4 text of every message, each starting at its {@code :20:} tag. */
  static List<String> split(String text) {
    List<String> messages = text.contains("{4:") ? enveloped(text) : raw(text);
    if (messages.isEmpty()) {
      throw BankStatementException.malformed("no MT940 message found");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).startsWith(":20:")) {
        throw BankStatementException.malformed("MT940 message " + (i + 1) + " does not start with :20: (found "
            + Texts.excerpt(firstLine(messages.get(i))) + ")");
      }
    }
    return messages;
  }

  private static List<String> enveloped(String text) {
    List<String> messages = new ArrayList<>();
    int position = 0;
    int start;
    while ((start = text.indexOf("{4:", position)) >= 0) {
      int end = text.indexOf("\n-}", start);
      if (end < 0) {
        throw BankStatementException.malformed("MT940 message " + (messages.size() + 1)
            + ": block 4 is not closed by -}");
      }
      messages.add(text.substring(start + 3, end).strip());
      position = end + 3;
    }
    return messages;
  }

  private static List<String> raw(String text) {
    String body = text.strip();
    if (body.startsWith(RABOBANK_FILE_HEADER + "\n")) {
      body = body.substring(RABOBANK_FILE_HEADER.length()).strip();
    }
    if (!body.startsWith(":20:")) {
      throw BankStatementException.malformed("MT940 file must start with :20: (found " + Texts.excerpt(firstLine(body)) + ")");
    }
    List<String> messages = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int next = body.indexOf("\n:20:", start);
      int end = next < 0 ? body.length() : next;
      messages.add(withoutSeparatorLines(body.substring(start, end)));
      start = next < 0 ? body.length() : next + 1;
    }
    return messages;
  }

  /** Drops the "-" (and "-}") lines banks put between raw messages. */
  private static String withoutSeparatorLines(String message) {
    String result = message.strip();
    while (result.endsWith("\n-") || result.endsWith("\n-}")) {
      result = result.substring(0, result.lastIndexOf('\n')).strip();
    }
    return result;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
