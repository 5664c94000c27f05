package dev.ofg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.config.Secret;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRoutesTest {
  private static final DeliveryConfig.HttpTarget TREASURY = new DeliveryConfig.HttpTarget(
      URI.create("http://127.0.0.1:1/sinks/treasury"), Secret.of("whsec_c2VjcmV0c2VjcmV0c2VjcmV0"),
      DeliveryConfig.Policy.DEFAULT);
  private static final DeliveryConfig.Bank BANK = new DeliveryConfig.Bank(DeliveryConfig.Policy.DEFAULT, null);

  private static DeliveryConfig config(List<DeliveryConfig.Route> routes) {
    return new DeliveryConfig(true, DeliveryConfig.Relay.DEFAULT, DeliveryConfig.Policy.DEFAULT, routes, TREASURY,
        BANK, null, null);
  }

  @Test
  void matchesExactTypesPrefixesAndEverything() {
    EventRoutes routes = new EventRoutes(config(List.of(
        new DeliveryConfig.Route(List.of("payment.*"), List.of("bank", "treasury"), DeliveryConfig.Priority.HIGH),
        new DeliveryConfig.Route(List.of("invoice.posted"), List.of("treasury"), DeliveryConfig.Priority.NORMAL))));
    assertThat(routes.routes("payment.succeeded")).containsExactly(new EventRoutes.Route("bank", 0),
        new EventRoutes.Route("treasury", 0));
    assertThat(routes.routes("payment.refund.succeeded")).hasSize(2);
    assertThat(routes.routes("invoice.posted")).containsExactly(new EventRoutes.Route("treasury", 1));
    assertThat(routes.routes("invoice.cancelled")).isEmpty();
    assertThat(routes.routes("paymentx.succeeded")).isEmpty();
    EventRoutes everything = new EventRoutes(config(List.of(
        new DeliveryConfig.Route(List.of("*"), List.of("treasury"), DeliveryConfig.Priority.LOW))));
    assertThat(everything.routes("mandate.created")).containsExactly(new EventRoutes.Route("treasury", 2));
  }

  @Test
  void aTargetMatchedTwiceTakesTheHigherPriority() {
    EventRoutes routes = new EventRoutes(config(List.of(
        new DeliveryConfig.Route(List.of("*"), List.of("treasury"), DeliveryConfig.Priority.LOW),
        new DeliveryConfig.Route(List.of("alert.*"), List.of("treasury"), DeliveryConfig.Priority.HIGH))));
    assertThat(routes.routes("alert.raised")).containsExactly(new EventRoutes.Route("treasury", 0));
  }

  @Test
  void refusesRoutesToUnconfiguredTargets() {
    assertThatThrownBy(() -> config(List.of(
        new DeliveryConfig.Route(List.of("ledger.*"), List.of("analytics"), DeliveryConfig.Priority.LOW))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delivery.routes[0].targets: analytics");
  }

  @Test
  void refusesMalformedEventPatterns() {
    assertThatThrownBy(() -> new DeliveryConfig.Route(List.of("payment*"), List.of("bank"),
        DeliveryConfig.Priority.NORMAL)).hasMessageContaining("events: \"payment*\"");
    assertThatThrownBy(() -> new DeliveryConfig.Route(List.of("payment.*"), List.of("ledger"),
        DeliveryConfig.Priority.NORMAL)).hasMessageContaining("targets: \"ledger\"");
  }
}
