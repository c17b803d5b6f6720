import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import { CreditLine } from './entities/CreditLine';
import { CREDIT_CURRENCY } from './services/credit';
import { emitCreditLine, recordCredit } from './services/events';

/** customer@example.com: users' seed gives the demo accounts fixed ids. */
export const DEMO_CUSTOMER_ID = '00000000-0000-4000-8000-000000000002';

/** The "Mundo Cuotas" demo: an APPROVED line of 2,000.00 for customer@example.com. */
export const DEMO_CREDIT_LINE = { id: '00000000-0000-4000-8000-00000000c001', limit: 200_000 };

/** Demo data for the embedded default; idempotent (the line and its event are written once). */
export async function seedDemoCreditLine(runtime: SubgraphRuntime) {
  await inTransaction(runtime.dataSource, async (manager) => {
    if (await manager.existsBy(CreditLine, { id: DEMO_CREDIT_LINE.id })) return;
    const line = manager.create(CreditLine, {
      id: DEMO_CREDIT_LINE.id,
      customerId: DEMO_CUSTOMER_ID,
      status: 'APPROVED',
      limit: DEMO_CREDIT_LINE.limit,
      available: DEMO_CREDIT_LINE.limit,
      currency: CREDIT_CURRENCY,
      monthlyIncome: 300_000,
      score: 65,
    });
    await manager.insert(CreditLine, line);
    await recordCredit(manager, line, 'APPLIED', line.limit);
    // orders' checkout pre-check learns of the line from this event.
    await emitCreditLine(runtime, manager, line);
  });
  runtime.eventsCommitted();
}
