package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a {@code python3 -c} script, as the independent Python peer of the interop tests. */
final class Python3 {

  private Python3() {
  }

  /**
   * Runs {@code script} with {@code args}, feeding {@code stdin}, and returns its standard output.
   * Fails the test, rather than skipping it, when python3 is missing, exits non-zero or overruns
   * {@code timeout}: python3 is installed on every machine of this project.
   */
  static String run(Duration timeout, String script, String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      return fail("python3 is required for this test and is on every machine of this project, "
          + "but it could not be started: " + e.getMessage());
    }
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return fail("python3 did not finish within " + timeout + "; stderr so far: " + stderr.getNow(""));
    }
    String out = stdout.get(10, TimeUnit.SECONDS);
    String err = stderr.get(10, TimeUnit.SECONDS);
    if (process.exitValue() != 0) {
      return fail("python3 exited with " + process.exitValue() + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out);
    }
    return out;
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    // Drained on a thread of its own (not the common pool, which may have a single thread on a
    // two-core machine) so that a full pipe can never stall the script.
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<unreadable: " + e + ">";
      }
    }, task -> {
      Thread reader = new Thread(task, "python3-output-reader");
      reader.setDaemon(true);
      reader.start();
    });
  }
}
