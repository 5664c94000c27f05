package dev.ofg.policy.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Collects a response body up to a byte limit and fails as soon as the limit is passed, so a misbehaving server
 * cannot make the gateway buffer an unbounded body (the stock {@code BodyCodec.buffer()} has no limit).
 */
final class BoundedBodyStream implements BodyStream<Buffer> {
  private final int maxBytes;
  private final Buffer body = Buffer.buffer();
  private final Promise<Buffer> result = Promise.promise();

  private BoundedBodyStream(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Returns a codec whose bodies fail with {@link BodyTooLargeException} beyond {@code maxBytes}. */
  static BodyCodec<Buffer> codec(int maxBytes) {
    return () -> new BoundedBodyStream(maxBytes);
  }

  /** Signals that a body passed the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(int maxBytes) {
      super("body larger than " + maxBytes + " bytes", null, false, false);
    }
  }

  @Override
  public Future<Buffer> result() {
    return result.future();
  }

  @Override
  public void handle(Throwable failure) {
    result.tryFail(failure);
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (body.length() + data.length() > maxBytes) {
      BodyTooLargeException tooLarge = new BodyTooLargeException(maxBytes);
      result.tryFail(tooLarge);
      return Future.failedFuture(tooLarge);
    }
    body.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    result.tryComplete(body);
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
