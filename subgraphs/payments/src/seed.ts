import type { SubgraphRuntime } from '@supergraph/service-kit';
import { Payment } from './entities/Payment';

/** Fixed ids, so that a restart (the seed runs at every start of the embedded default) adds nothing twice. */
export const DEMO_PAYMENTS = [
  { id: '00000000-0000-4000-8000-000000000001', name: 'First payment', createdAt: new Date('2026-01-01T00:00:00Z') },
  { id: '00000000-0000-4000-8000-000000000002', name: 'Second payment', createdAt: new Date('2026-01-02T00:00:00Z') },
];

/** Demo data for the embedded default; idempotent. */
export async function seedPayment(runtime: SubgraphRuntime) {
  await runtime.dataSource.createQueryBuilder().insert().into(Payment).values(DEMO_PAYMENTS).orIgnore().execute();
}
