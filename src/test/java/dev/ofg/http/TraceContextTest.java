package dev.ofg.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void usesTraceIdOfValidTraceparent() {
    TraceContext trace = TraceContext.from(null, TRACEPARENT);

    assertThat(trace.correlationId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(trace.sampled()).isTrue();
    assertThat(trace.outgoingTraceparent())
        .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
        .isNotEqualTo(TRACEPARENT);
  }

  @Test
  void explicitCorrelationIdWinsButTraceIsKept() {
    TraceContext trace = TraceContext.from("order-4711", TRACEPARENT);

    assertThat(trace.correlationId()).isEqualTo("order-4711");
    assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void ignoresInvalidHeadersAndGeneratesAnId() {
    TraceContext trace = TraceContext.from("bad id with spaces <script>", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");

    assertThat(trace.correlationId()).matches("[0-9a-f]{32}");
    assertThat(trace.correlationId()).isEqualTo(trace.traceId());
    assertThat(TraceContext.generate().correlationId()).isNotEqualTo(trace.correlationId());
  }

  @Test
  void rejectsOverlongCorrelationIds() {
    assertThat(TraceContext.from("x".repeat(129), null).correlationId()).matches("[0-9a-f]{32}");
    assertThat(TraceContext.from("x".repeat(128), null).correlationId()).hasSize(128);
  }
}
