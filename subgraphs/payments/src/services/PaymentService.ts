import { badUserInput } from '@supergraph/errors';
import { isUuid, pageSize } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { Payment } from '../entities/Payment';
import type { Loaders } from '../loaders';

/**
 * Reading payments: anyone may, signed in or not. Put who-may-do-what in services/access.ts
 * (as orders and products do) when the domain gets private data or writes.
 */
export class PaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  byId(id: string): Promise<Payment | null> {
    if (!isUuid(id)) throw badUserInput('id is not a payment id', 'id');
    return this.loaders.paymentById.load(id);
  }

  newest(first: number | null | undefined): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: pageSize(first) });
  }
}
