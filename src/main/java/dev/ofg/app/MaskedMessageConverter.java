package dev.ofg.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Renders a log message with IBANs masked; configured as {@code %msg} in logback.xml. */
public final class MaskedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return IbanMasking.mask(super.convert(event));
  }
}
