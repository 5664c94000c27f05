package dev.ofg.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures the upstream Odoo: where it is, which external API to speak, the service account the
 * gateway swaps in for its clients, and the limits that protect it.
 */
public record OdooConfig(
    URI url,
    OdooProtocol protocol,
    String database,
    String login,
    Secret password,
    Secret apiKey,
    Duration timeout,
    Duration connectTimeout,
    int maxConcurrency,
    int maxQueued,
    RetryConfig retry,
    BreakerConfig breaker,
    JsonObject context) {

  /** Names Odoo's two external APIs. */
  public enum OdooProtocol {
    /** {@code POST /jsonrpc}, services {@code common} and {@code object}; Odoo 8 and later. */
    JSON_RPC,
    /** {@code POST /json/2/<model>/<method>} with a bearer API key; Odoo 19 and later. */
    JSON_2
  }

  public OdooConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(protocol, "protocol");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url: " + url + " (expected: an http or https URL)");
    }
    if (protocol == OdooProtocol.JSON_2 && apiKey == null) {
      throw new IllegalArgumentException("apiKey: missing (expected: an API key when protocol is json-2)");
    }
    if (protocol == OdooProtocol.JSON_RPC && password == null && apiKey == null) {
      throw new IllegalArgumentException(
          "password: missing (expected: password or apiKey for the service account when protocol is json-rpc)");
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency: " + maxConcurrency + " (expected: >= 1)");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    context = context == null ? new JsonObject() : context.copy();
  }

  /** Returns the secret the JSON-RPC {@code execute_kw} call carries: the password, else the API key. */
  public Secret rpcSecret() {
    return password != null ? password : apiKey;
  }

  public int port() {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  public boolean tls() {
    return "https".equals(url.getScheme());
  }

  /** Returns the base path without a trailing slash ("" for an Odoo at the root). */
  public String basePath() {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public JsonObject context() {
    return context.copy();
  }

  /** Configures retries of Odoo's transient concurrency errors. */
  public record RetryConfig(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryConfig DEFAULT = new RetryConfig(4, Duration.ofMillis(100), Duration.ofSeconds(2));

    public RetryConfig {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retry.maxAttempts: " + maxAttempts + " (expected: >= 1)");
      }
      if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("retry.maxBackoff: " + maxBackoff + " (expected: >= initialBackoff "
            + initialBackoff + ")");
      }
    }

    static RetryConfig read(ConfigReader in) {
      int attempts = in.integer("maxAttempts", DEFAULT.maxAttempts(), 1, 100);
      Duration initial = in.duration("initialBackoff", DEFAULT.initialBackoff());
      Duration max = in.duration("maxBackoff", DEFAULT.maxBackoff());
      in.rejectUnknownKeys();
      return in.build(() -> new RetryConfig(attempts, initial, max));
    }
  }

  /** Configures the circuit breaker that stops calling an Odoo that keeps failing technically. */
  public record BreakerConfig(int failureThreshold, Duration failureWindow, Duration resetTimeout) {
    public static final BreakerConfig DEFAULT = new BreakerConfig(10, Duration.ofSeconds(10), Duration.ofSeconds(15));

    public BreakerConfig {
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("breaker.failureThreshold: " + failureThreshold + " (expected: >= 1)");
      }
      if (resetTimeout.isZero() || resetTimeout.isNegative()) {
        throw new IllegalArgumentException("breaker.resetTimeout: " + resetTimeout + " (expected: > 0)");
      }
    }

    static BreakerConfig read(ConfigReader in) {
      int threshold = in.integer("failureThreshold", DEFAULT.failureThreshold(), 1, 100_000);
      Duration window = in.duration("failureWindow", DEFAULT.failureWindow());
      Duration reset = in.duration("resetTimeout", DEFAULT.resetTimeout());
      in.rejectUnknownKeys();
      return in.build(() -> new BreakerConfig(threshold, window, reset));
    }
  }

  static OdooConfig read(ConfigReader in) {
    String urlText = in.requiredString("url");
    URI url = null;
    try {
      url = URI.create(urlText);
    } catch (IllegalArgumentException e) {
      in.problem("url", "\"" + urlText + "\" (expected: an http or https URL)");
    }
    OdooProtocol protocol = in.enumValue("protocol", OdooProtocol.class, OdooProtocol.JSON_RPC);
    String database = in.requiredString("database");
    String login = in.string("login", null);
    Secret password = in.secret("password", false);
    Secret apiKey = in.secret("apiKey", false);
    if (protocol == OdooProtocol.JSON_RPC && login == null) {
      in.problem("login", "missing (expected: the service account's login when protocol is json-rpc)");
    }
    Duration timeout = in.duration("timeout", Duration.ofSeconds(30));
    Duration connectTimeout = in.duration("connectTimeout", Duration.ofSeconds(5));
    int maxConcurrency = in.integer("maxConcurrency", 16, 1, 10_000);
    int maxQueued = in.integer("maxQueued", 512, 0, 1_000_000);
    RetryConfig retry = RetryConfig.read(in.section("retry"));
    BreakerConfig breaker = BreakerConfig.read(in.section("breaker"));
    JsonObject context = in.json("context");
    in.rejectUnknownKeys();
    if (url == null || retry == null || breaker == null) {
      return null;
    }
    URI finalUrl = url;
    return in.build(() -> new OdooConfig(finalUrl, protocol, database, login, password, apiKey, timeout,
        connectTimeout, maxConcurrency, maxQueued, retry, breaker, context));
  }
}
