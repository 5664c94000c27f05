package dev.ofg.policy.reload;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configuration file (size and modification time, through the non-blocking file system API) and asks for
 * a reload once a change has stayed the same for one interval, so a file still being written is never read.
 *
 * <p>A change is acted on once, whatever the reload's outcome: a refused file is reported and not retried until it
 * changes again.
 */
public final class PolicyFileWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);

  private final Vertx vertx;
  private final String path;
  private final Duration interval;
  private final Supplier<Future<?>> reload;
  private Stamp handled;
  private Stamp seen;
  private boolean reloading;
  private boolean unreadable;
  private long timer = -1;

  /** Identifies one version of the file. */
  private record Stamp(long lastModified, long size) {
    static Stamp of(FileProps props) {
      return new Stamp(props.lastModifiedTime(), props.size());
    }
  }

  public PolicyFileWatcher(Vertx vertx, String path, Duration interval, Supplier<Future<?>> reload) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.path = Objects.requireNonNull(path, "path");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.reload = Objects.requireNonNull(reload, "reload");
  }

  /** Records the file as it is now (the running configuration) and starts polling; fails when it is not a file. */
  public Future<Void> start() {
    return vertx.fileSystem().props(path).compose(props -> {
      if (!props.isRegularFile()) {
        return Future.failedFuture(new IllegalStateException(path + " is not a regular file"));
      }
      handled = Stamp.of(props);
      seen = handled;
      // Timer callbacks run on the event loop that started the watcher, so the fields need no locking.
      timer = vertx.setPeriodic(interval.toMillis(), id -> poll());
      LOG.info("watching {} every {} for policy changes", path, interval);
      return Future.succeededFuture();
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void poll() {
    if (reloading) {
      return;
    }
    vertx.fileSystem().props(path).onComplete(result -> {
      if (result.failed()) {
        if (!unreadable) {
          LOG.warn("cannot read the properties of {} ({}); keeping the current configuration", path,
              result.cause().toString());
        }
        unreadable = true;
        return;
      }
      unreadable = false;
      observe(Stamp.of(result.result()));
    });
  }

  private void observe(Stamp now) {
    boolean settled = now.equals(seen);
    seen = now;
    if (!settled || now.equals(handled) || reloading) {
      return;
    }
    handled = now;
    reloading = true;
    reload.get().onComplete(done -> reloading = false);
  }
}
