import type { Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound } from '@supergraph/errors';
import { inTransaction, isUuid } from '@supergraph/service-kit';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreditLine } from '../entities/CreditLine';
import type { Payment } from '../entities/Payment';
import type { Loaders } from '../loaders';
import { isOwnerOrAdmin, requireAdmin } from './access';
import { lockPayment, type PaymentsEngine } from './engine';

/** Reading payments and credit lines (their customer and admins) and admins' refunds. */
export class PaymentService {
  constructor(
    private readonly viewer: Viewer | null,
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly engine: PaymentsEngine,
  ) {}

  private visible<T extends { customerId: string }>(row: T | null): T | null {
    return row && isOwnerOrAdmin(this.viewer, row.customerId) ? row : null;
  }

  /** `payment(id)`: someone else's payment is answered like a missing one. */
  async byId(id: string): Promise<Payment> {
    if (!isUuid(id)) throw badUserInput('id is not a payment id', 'id');
    const payment = this.visible(await this.loaders.paymentById.load(id));
    if (!payment) throw notFound('Payment not found');
    return payment;
  }

  /** `Payment` references from other subgraphs: null for whoever may not see it. */
  async reference(id: string): Promise<Payment | null> {
    return this.visible(await this.loaders.paymentById.load(id));
  }

  /** `Order.payment`, batched by order id. */
  async ofOrder(orderId: string): Promise<Payment | null> {
    return this.visible(await this.loaders.paymentByOrder.load(orderId));
  }

  /** `User.creditLine`: the user themself and admins; anyone else gets FORBIDDEN, as for `User.orders`. */
  async creditLineOf(userId: string): Promise<CreditLine | null> {
    if (!isOwnerOrAdmin(this.viewer, userId)) throw forbidden("Only the user themself and admins may see a user's credit line");
    return this.loaders.creditLineByCustomer.load(userId);
  }

  async creditLineReference(id: string): Promise<CreditLine | null> {
    return this.visible(await this.loaders.creditLineById.load(id));
  }

  /**
   * Admins refund part (or the rest) of a captured payment. The payment is read under its row
   * lock, so two refunds at once never add up to more than was captured; the provider is then
   * asked (outside the transaction), and the payment is answered as it is after that.
   */
  async refund(paymentId: string, amount: number, reason: string | null | undefined): Promise<Payment> {
    requireAdmin(this.viewer);
    if (!isUuid(paymentId)) throw badUserInput('paymentId is not a payment id', 'paymentId');
    if (!Number.isSafeInteger(amount) || amount <= 0) throw badUserInput('amount must be a positive whole number of minor units', 'amount');
    const cleanReason = reason?.trim() || null;
    if (cleanReason && cleanReason.length > 500) throw badUserInput('reason is at most 500 characters', 'reason');
    const reserved = await inTransaction(this.dataSource, async (manager) => {
      const payment = await lockPayment(manager, { id: paymentId });
      if (!payment) throw notFound('Payment not found', { field: 'paymentId' });
      const refund = await this.engine.reserveRefund(manager, payment, amount, cleanReason, randomUUID());
      return { payment, refund };
    });
    this.engine.committed();
    if (reserved.refund.status === 'PENDING') await this.engine.executeRefund(reserved.refund, reserved.payment);
    return reserved.payment;
  }
}
