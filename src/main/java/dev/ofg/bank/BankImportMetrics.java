package dev.ofg.bank;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts statement imports: files by format and outcome, lines by outcome, and how long a file takes. Labels are
 * bounded: formats, outcomes and failure reasons are fixed sets.
 */
final class BankImportMetrics {
  static final String LINES = "gateway_bank_import_lines";
  static final String FILES = "gateway_bank_import_files";
  static final String DURATION = "gateway_bank_import_duration";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  BankImportMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one file: its outcome ({@code imported}, {@code partial}, {@code interrupted} or a failure reason). */
  void file(String format, String outcome, long elapsedNanos) {
    counters.computeIfAbsent(FILES + '|' + format + '|' + outcome, key -> Counter.builder(FILES)
        .description("Bank statement files by format and outcome").tag("format", format).tag("outcome", outcome)
        .register(registry)).increment();
    timers.computeIfAbsent(format + '|' + outcome, key -> Timer.builder(DURATION)
        .description("Time to import one bank statement file, parsing included").tag("format", format)
        .tag("outcome", outcome).register(registry)).record(elapsedNanos, TimeUnit.NANOSECONDS);
  }

  /** Counts the lines of a (possibly partial) report by outcome. */
  void lines(BankImportReport report) {
    for (LineOutcome outcome : LineOutcome.values()) {
      long count = report.count(outcome);
      if (count > 0) {
        counters.computeIfAbsent(LINES + '|' + outcome.label(), key -> Counter.builder(LINES)
            .description("Bank statement lines by import outcome").tag("outcome", outcome.label())
            .register(registry)).increment(count);
      }
    }
  }
}
