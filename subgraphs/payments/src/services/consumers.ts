import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventHandlers, SubgraphRuntime } from '@supergraph/service-kit';
import { Payment } from '../entities/Payment';
import type { PaymentsSettings } from '../settings';
import { engineFor, runningEngine } from './engine';

/**
 * The topics payments consumes. Each handler runs in the kit's transaction that also records the
 * event id (a redelivery is skipped), and is idempotent by state as well: one payment per order
 * (its unique order id), one cancellation refund per payment (its id derived from the payment's).
 * The charging itself happens in the worker, right after the commit (`afterPaymentsEvent`).
 */
export function paymentConsumers(runtime: SubgraphRuntime, settings: PaymentsSettings): EventHandlers {
  const engine = engineFor(runtime, settings);
  return {
    'orders.order.confirmed': async ({ payload }, manager) => {
      // No payment choice at checkout: the order waits CONFIRMED and payments has nothing to do.
      if (!payload.payment) return;
      const choice = payload.payment;
      await manager
        .createQueryBuilder()
        .insert()
        .into(Payment)
        .values({
          id: randomUUID(),
          orderId: payload.orderId,
          customerId: payload.customerId,
          amount: payload.total.amount,
          currency: payload.total.currency,
          method: choice.method,
          status: 'PENDING',
          provider: choice.method === 'CARD' ? engine.provider.name : 'credit_line',
          cardToken: choice.method === 'CARD' ? choice.cardToken : null,
          installments: choice.method === 'CREDIT_LINE' ? choice.installments : null,
          attempts: 0,
          nextAttemptAt: new Date(),
        })
        .orIgnore()
        .execute();
    },
    'orders.order.cancelled': ({ payload }, manager) => engine.orderCancelled(manager, payload.orderId),
  };
}

/** After a handler committed: the worker picks up the new payment or refund at once. */
export function afterPaymentsEvent(runtime: SubgraphRuntime, _event: DomainEvent) {
  runningEngine(runtime)?.nudge();
}
