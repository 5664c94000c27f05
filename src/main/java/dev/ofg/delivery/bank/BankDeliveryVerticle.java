package dev.ofg.delivery.bank;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryAttempt;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.FinanceService;
import dev.ofg.finance.PaymentInput;
import dev.ofg.http.GatewayException;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Applies payment and settlement events to Odoo: registers the payment against the invoice named by its external
 * reference (through Odoo's payment-register wizard, so Odoo reconciles it), at most once per payment reference.
 * An event whose prerequisite is missing (the invoice is not in Odoo yet, or still draft; for a payment without
 * invoice, the partner) is parked on that prerequisite ({@code invoice:<ref>} or {@code partner:<ref>}).
 */
public final class BankDeliveryVerticle extends VerticleBase {
  private final DeliveryConfig.Bank config;
  private final FinanceService finance;
  private MessageConsumer<JsonObject> consumer;

  public BankDeliveryVerticle(DeliveryConfig.Bank config, FinanceService finance) {
    this.config = config;
    this.finance = finance;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(DeliveryAttempt.address(DeliveryConfig.BANK), this::deliver);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  private void deliver(Message<JsonObject> message) {
    FinanceEvent event = DeliveryAttempt.fromJson(message.body()).event();
    apply(event).otherwise(BankFailures::classify).onSuccess(outcome -> message.reply(outcome.toJson()));
  }

  /** Applies one event; the future fails only with failures {@link BankFailures} classifies. */
  Future<AttemptOutcome> apply(FinanceEvent event) {
    PaymentInput payment;
    try {
      payment = PaymentEvents.toPayment(event, config.journalCode());
    } catch (GatewayException invalid) {
      return Future.succeededFuture(new AttemptOutcome.Business(null,
          "event data is not a canonical payment: " + invalid.detail()));
    }
    TraceContext trace = TraceContext.from(event.correlationId(), null);
    return missingPrerequisite(payment, trace).compose(parked -> parked != null
        ? Future.succeededFuture(parked)
        : finance.registerPayment(payment, trace).<AttemptOutcome>map(outcome -> new AttemptOutcome.Delivered(null,
            (outcome.created() ? "payment registered in Odoo: " : "payment already in Odoo: ")
                + outcome.body().getString("number")))
            .recover(failure -> BankFailures.notFound(failure)
                ? Future.succeededFuture(parkedOn(payment, ((GatewayException) failure).detail()))
                : Future.failedFuture(failure)));
  }

  /** Returns the parked outcome when the payment's invoice (or partner) is not ready in Odoo, else null. */
  private Future<AttemptOutcome> missingPrerequisite(PaymentInput payment, TraceContext trace) {
    if (payment.invoiceRef() == null) {
      return finance.partner(payment.partnerRef(), trace).<AttemptOutcome>map(found -> null)
          .recover(failure -> BankFailures.notFound(failure)
              ? Future.succeededFuture(parkedOn(payment, "partner " + payment.partnerRef() + " is not in Odoo yet"))
              : Future.failedFuture(failure));
    }
    return finance.invoice(payment.invoiceRef(), trace).<AttemptOutcome>map(invoice -> "draft".equals(
            invoice.getString("state"))
            ? parkedOn(payment, "invoice " + payment.invoiceRef() + " is still draft in Odoo")
            : null)
        .recover(failure -> BankFailures.notFound(failure)
            ? Future.succeededFuture(parkedOn(payment, "invoice " + payment.invoiceRef() + " is not in Odoo yet"))
            : Future.failedFuture(failure));
  }

  private static AttemptOutcome parkedOn(PaymentInput payment, String detail) {
    String prerequisite = payment.invoiceRef() != null ? "invoice:" + payment.invoiceRef()
        : "partner:" + payment.partnerRef();
    return new AttemptOutcome.Parked(prerequisite, detail);
  }
}
