package dev.ofg.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProblemCodeDocumentationTest {
  @Test
  void everyProblemCodeIsDocumentedWithItsStatus() throws Exception {
    String docs = Files.readString(Path.of("docs/problems.md"));
    for (ProblemCode code : ProblemCode.values()) {
      assertThat(docs).as(code.name()).contains("| `" + code.name() + "` | " + code.status() + " | " + code.title() + " |");
    }
  }
}
