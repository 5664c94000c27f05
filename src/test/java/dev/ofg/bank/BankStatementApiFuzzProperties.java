package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Posts arbitrary bytes, and published sample files with bytes changed, dropped or cut off, to the import endpoint
 * of a running gateway: whatever arrives, the answer is never a 5xx (Odoo and the store are up).
 */
class BankStatementApiFuzzProperties {
  private static Vertx vertx;
  private static GatewayTestKit kit;
  private static BankImportTestSupport support;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    support = await(BankImportTestSupport.start(vertx, GatewayTestKit.Options.defaults(), "maxBodyBytes: 262144",
        "defaultJournal: BNK1"));
    kit = support.kit();
  }

  @AfterContainer
  static void stop() throws Exception {
    await(kit.stop());
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Property(tries = 150)
  void noUploadIsAnsweredWithAServerError(@ForAll("uploads") byte[] file, @ForAll("contentTypes") String contentType)
      throws Exception {
    HttpResponse<Buffer> response = await(support.post(file, contentType, null));

    assertThat(response.statusCode()).as(response.bodyAsString()).isLessThan(500);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/xml", "text/xml", "text/plain", "application/octet-stream");
  }

  @Provide
  Arbitrary<byte[]> uploads() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(2048);
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(StatementFiles.ALL),
            Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes(),
            Arbitraries.integers().between(0, 2))
        .as((name, position, value, operation) -> mutate(StatementFiles.load(name), position, value, operation));
    return Arbitraries.oneOf(random, mutated);
  }

  private static byte[] mutate(byte[] file, int position, byte value, int operation) {
    int at = position % file.length;
    switch (operation) {
      case 0:
        byte[] changed = file.clone();
        changed[at] = value;
        return changed;
      case 1:
        return Arrays.copyOf(file, Math.max(1, at));
      default:
        byte[] dropped = new byte[file.length - 1];
        System.arraycopy(file, 0, dropped, 0, at);
        System.arraycopy(file, at + 1, dropped, at, file.length - at - 1);
        return dropped;
    }
  }
}
