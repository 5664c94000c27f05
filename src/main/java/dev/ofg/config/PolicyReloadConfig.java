package dev.ofg.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Configures how the reloadable policy (clients, roles, limits, rate limits, schemas) follows its file: on
 * {@code POST /admin/reload} always, and, when {@code watch} is on, whenever the file changes.
 *
 * @param watch whether the gateway polls the configuration file and reloads it when it changes
 * @param watchInterval how often the file's size and modification time are checked; a change is applied once it
 *     has stayed the same for one interval, so a file still being written is not read half-way
 */
public record PolicyReloadConfig(boolean watch, Duration watchInterval) {
  public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MIN_WATCH_INTERVAL = Duration.ofMillis(50);
  public static final PolicyReloadConfig DEFAULTS = new PolicyReloadConfig(false, DEFAULT_WATCH_INTERVAL);

  public PolicyReloadConfig {
    Objects.requireNonNull(watchInterval, "watchInterval");
    if (watchInterval.compareTo(MIN_WATCH_INTERVAL) < 0) {
      throw new IllegalArgumentException("watchInterval: " + watchInterval + " (expected: >= " + MIN_WATCH_INTERVAL
          + ")");
    }
  }

  /** Reads the {@code policy} section; absent, the file is not watched. */
  static PolicyReloadConfig read(ConfigReader in) {
    boolean watch = in.bool("watch", false);
    Duration interval = in.duration("watchInterval", DEFAULT_WATCH_INTERVAL);
    in.rejectUnknownKeys();
    return in.build(() -> new PolicyReloadConfig(watch, interval));
  }
}
