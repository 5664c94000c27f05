package dev.ofg.delivery.bank;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryTargetVerticle;
import dev.ofg.delivery.OdooFailures;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.FinanceService;
import dev.ofg.finance.PaymentInput;
import dev.ofg.http.GatewayException;
import dev.ofg.http.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

/**
 * Applies payment and settlement events to Odoo: registers the payment against the invoice named by its external
 * reference (through Odoo's payment-register wizard, so Odoo reconciles it), at most once per payment reference.
 * An event whose prerequisite is missing (the invoice is not in Odoo yet, or still draft; for a payment without
 * invoice, the partner) is parked on that prerequisite ({@code invoice:<ref>} or {@code partner:<ref>}).
 *
 * <p>An event that carries no canonical payment at all (neither {@code externalRef} nor {@code partner}: a
 * provider's payment whose merchant named no partner) is not Odoo's business: it is answered delivered with that
 * reason and counted in {@code gateway_delivery_bank_skipped_total}, rather than filling the dead letters with
 * events no replay could ever apply. The bank statement brings the money into Odoo in any case.
 */
public final class BankDeliveryVerticle extends DeliveryTargetVerticle {
  private final DeliveryConfig.Bank config;
  private final FinanceService finance;
  private final Counter skipped;

  public BankDeliveryVerticle(DeliveryConfig.Bank config, FinanceService finance, MeterRegistry registry) {
    super(DeliveryConfig.BANK);
    this.config = config;
    this.finance = finance;
    this.skipped = Counter.builder("gateway_delivery_bank_skipped")
        .description("Events routed to the bank target that carry no canonical payment, left out of Odoo")
        .tag("reason", "no_payment_data").register(registry);
  }

  @Override
  protected AttemptOutcome classify(Throwable failure) {
    return OdooFailures.classify(failure);
  }

  /** Applies one event; the future fails only with failures {@link OdooFailures} classifies. */
  @Override
  protected Future<AttemptOutcome> apply(FinanceEvent event) {
    if (!event.data().containsKey("externalRef") && !event.data().containsKey("partner")) {
      skipped.increment();
      return Future.succeededFuture(new AttemptOutcome.Delivered(null, "not applied to Odoo: the event carries no "
          + "canonical payment (no externalRef, no partner; for a provider payment: no partner reference in its "
          + "metadata)"));
    }
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
            .recover(failure -> OdooFailures.notFound(failure)
                ? Future.succeededFuture(parkedOn(payment, ((GatewayException) failure).detail()))
                : Future.failedFuture(failure)));
  }

  /** Returns the parked outcome when the payment's invoice (or partner) is not ready in Odoo, else null. */
  private Future<AttemptOutcome> missingPrerequisite(PaymentInput payment, TraceContext trace) {
    if (payment.invoiceRef() == null) {
      return finance.partner(payment.partnerRef(), trace).<AttemptOutcome>map(found -> null)
          .recover(failure -> OdooFailures.notFound(failure)
              ? Future.succeededFuture(parkedOn(payment, "partner " + payment.partnerRef() + " is not in Odoo yet"))
              : Future.failedFuture(failure));
    }
    return finance.invoice(payment.invoiceRef(), trace).<AttemptOutcome>map(invoice -> "draft".equals(
            invoice.getString("state"))
            ? parkedOn(payment, "invoice " + payment.invoiceRef() + " is still draft in Odoo")
            : null)
        .recover(failure -> OdooFailures.notFound(failure)
            ? Future.succeededFuture(parkedOn(payment, "invoice " + payment.invoiceRef() + " is not in Odoo yet"))
            : Future.failedFuture(failure));
  }

  private static AttemptOutcome parkedOn(PaymentInput payment, String detail) {
    String prerequisite = payment.invoiceRef() != null ? "invoice:" + payment.invoiceRef()
        : "partner:" + payment.partnerRef();
    return new AttemptOutcome.Parked(prerequisite, detail);
  }
}
