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
import io.vertx.core.Future;

/**
 * Applies payment and settlement events to Odoo: registers the payment against the invoice named by its external
 * reference (through Odoo's payment-register wizard, so Odoo reconciles it), at most once per payment reference.
 * An event whose prerequisite is missing (the invoice is not in Odoo yet, or still draft; for a payment without
 * invoice, the partner) is parked on that prerequisite ({@code invoice:<ref>} or {@code partner:<ref>}).
 */
public final class BankDeliveryVerticle extends DeliveryTargetVerticle {
  private final DeliveryConfig.Bank config;
  private final FinanceService finance;

  public BankDeliveryVerticle(DeliveryConfig.Bank config, FinanceService finance) {
    super(DeliveryConfig.BANK);
    this.config = config;
    this.finance = finance;
  }

  @Override
  protected AttemptOutcome classify(Throwable failure) {
    return OdooFailures.classify(failure);
  }

  /** Applies one event; the future fails only with failures {@link OdooFailures} classifies. */
  @Override
  protected Future<AttemptOutcome> apply(FinanceEvent event) {
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
