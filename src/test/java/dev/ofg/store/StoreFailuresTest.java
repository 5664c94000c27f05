package dev.ofg.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreFailuresTest {

  private static PgException pg(String severity, String sqlState) {
    return new PgException("message", severity, sqlState, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"08006", "08001", "53300", "57P01", "57P03", "58030"})
  void aServerThatCannotServeNowIsUnavailable(String sqlState) {
    assertThat(StoreFailures.unavailable(pg("ERROR", sqlState))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"42P01", "42703", "23505", "22P02", "40001", "40P01", "55P03", "55000", "57014"})
  void aStatementTheServerRefusesIsNot(String sqlState) {
    assertThat(StoreFailures.unavailable(pg("ERROR", sqlState))).isFalse();
  }

  @Test
  void aServerThatEndsTheSessionIsUnavailableWhateverTheCode() {
    assertThat(StoreFailures.unavailable(pg("FATAL", "55000"))).as("database not accepting connections").isTrue();
    assertThat(StoreFailures.unavailable(pg("FATAL", "28000"))).isTrue();
    assertThat(StoreFailures.unavailable(pg("PANIC", "XX000"))).isTrue();
  }

  @Test
  void lostAndRefusedConnectionsAreUnavailableAlsoAsACause() {
    assertThat(StoreFailures.unavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(StoreFailures.unavailable(new ConnectException("Connection refused"))).isTrue();
    assertThat(StoreFailures.unavailable(new SocketException("Connection reset"))).isTrue();
    assertThat(StoreFailures.unavailable(new VertxException("wrapped", new ConnectException("refused")))).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(StoreFailures.unavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(StoreFailures.unavailable(new VertxException("no cause"))).isFalse();
    assertThat(StoreFailures.unavailable(null)).isFalse();
  }
}
