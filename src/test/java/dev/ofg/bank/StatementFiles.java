package dev.ofg.bank;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the published sample files from {@code src/test/resources/bank}. */
final class StatementFiles {

  static final List<String> ALL = List.of(
      "camt053-oca.xml", "camt053-txdtls-oca.xml", "camt054-oca.xml", "mt940-ing-oca.940", "mt940-sns-oca.940",
      "mt940-wrong-file-oca.940", "mt940-rabo-oca.swi", "genkgo-camt053-v02-multi-statement.xml",
      "genkgo-camt053-v08.xml", "genkgo-camt054-v08.xml");

  private StatementFiles() {
  }

  static byte[] load(String name) {
    try (InputStream in = StatementFiles.class.getResourceAsStream("/bank/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /bank/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
