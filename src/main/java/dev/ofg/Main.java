package dev.ofg;

import dev.ofg.app.DemoLauncher;
import dev.ofg.app.GatewayApplication;
import dev.ofg.app.GatewayRuntime;
import dev.ofg.app.SandboxLauncher;
import dev.ofg.config.ClientConfig;
import dev.ofg.config.ConfigException;
import dev.ofg.config.ConfigSource;
import dev.ofg.config.GatewayConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the gateway from the command line: {@code run}, {@code demo}, {@code sandbox} or {@code hash-api-key}. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE = String.join("\n",
      "usage: java -jar odoo-finance-gateway.jar <command> [options]",
      "",
      "commands:",
      "  run --config conf/gateway.yaml   run the gateway against a real Odoo",
      "  demo [--config conf/demo.yaml]   run gateway + Odoo sandbox + PostgreSQL (configured or embedded)",
      "  sandbox [--port 8069]            run only the Odoo sandbox and sink endpoints",
      "  hash-api-key                     read an API key on stdin, print the sha256 to put in the config");

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    try {
      switch (args[0]) {
        case "run":
          run(option(args, "--config", "conf/gateway.yaml"));
          break;
        case "demo":
          DemoLauncher.main(option(args, "--config", "conf/demo.yaml"));
          break;
        case "sandbox":
          SandboxLauncher.main(Integer.parseInt(option(args, "--port", "8069")));
          break;
        case "hash-api-key":
          hashApiKey();
          break;
        default:
          System.err.println(USAGE);
          System.exit(2);
      }
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(3);
    }
  }

  private static void run(String configPath) {
    ConfigSource source = new ConfigSource(configPath, System.getenv());
    GatewayConfig config = source.load();
    PrometheusMeterRegistry registry = GatewayRuntime.registry();
    Vertx vertx = GatewayRuntime.vertx(registry);
    GatewayApplication app = startOrExit(vertx, () -> GatewayApplication.start(vertx, config, registry, source));
    stopOnShutdown(vertx, app::stop, config.server().shutdownGrace().toMillis());
  }

  /** Starts the application, exits non-zero if it cannot, and stops it cleanly on SIGTERM / Ctrl-C. */
  public static <T> T startOrExit(Vertx vertx, Supplier<Future<T>> starter) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<AsyncResult<T>> outcome = new AtomicReference<>();
    starter.get().onComplete(result -> {
      outcome.set(result);
      done.countDown();
    });
    try {
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("start-up did not finish within 5 minutes");
      }
    } catch (InterruptedException | IllegalStateException e) {
      outcome.set(Future.failedFuture(e));
    }
    if (outcome.get().failed()) {
      Throwable cause = outcome.get().cause();
      LOG.error("start-up failed: {}", cause.getMessage(), cause);
      vertx.close();
      System.exit(1);
    }
    return outcome.get().result();
  }

  /** Registers a shutdown hook that runs {@code stop} (bounded by {@code grace}) and then closes Vert.x. */
  public static void stopOnShutdown(Vertx vertx, Supplier<Future<Void>> stop, long graceMillis) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Wait here, not in a callback: a callback chained after vertx.close() would be handed to an event loop
      // that no longer exists.
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
      try {
        await(stop.get(), deadline);
        await(vertx.close(), deadline);
      } catch (TimeoutException e) {
        LOG.warn("shutdown did not finish within {} ms", graceMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gateway-shutdown"));
  }

  /** Waits for a future until the deadline; its failure is logged, not thrown (shutdown goes on regardless). */
  private static void await(Future<?> future, long deadlineNanos) throws InterruptedException, TimeoutException {
    try {
      future.toCompletionStage().toCompletableFuture().get(Math.max(0, deadlineNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      LOG.warn("shutdown step failed: {}", e.getCause().toString());
    }
  }

  private static void hashApiKey() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String key = in.readLine();
      if (key == null || key.isBlank()) {
        System.err.println("no API key on stdin");
        System.exit(2);
      }
      System.out.println(ClientConfig.sha256Hex(key.strip()));
    } catch (IOException e) {
      System.err.println("cannot read stdin: " + e.getMessage());
      System.exit(2);
    }
  }

  static String option(String[] args, String name, String defaultValue) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return defaultValue;
  }
}
