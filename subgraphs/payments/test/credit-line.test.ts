import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { dueDate } from '../src/domain/credit';
import { runningEngine } from '../src/services/engine';
import { Caller, FakeOrders, sqlOf, startPayments } from './helpers';

const APPLY = `#graphql
  mutation Apply($input: ApplyForCreditInput!) { applyForCredit(input: $input) { id status limit { amount currency } available { amount currency } } }`;

const CREDIT_LINE = `#graphql
  query CreditLine($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on User {
        creditLine {
          id status limit { amount } available { amount }
          installmentPlans {
            id order { id } count monthlyRateBasisPoints principal { amount currency } total { amount currency }
            installments { id number dueDate amount { amount } principal { amount } interest { amount } status paidAt }
          }
        }
      }
    }
  }`;

const PAY = `#graphql
  mutation Pay($id: ID!) { payInstallment(installmentId: $id) { id number status paidAt amount { amount } } }`;

/** The credit line: apply, buy in instalments, pay them back; the overdue job. */
describe('credit line', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let url: string;
  let databaseUrl: string | undefined;
  const sql = sqlOf(() => payments);

  beforeAll(async () => {
    messaging = await testMessaging('payments-credit');
    databaseUrl = await testDatabaseUrl('payments_credit');
    ({ payments, url } = await startPayments({ messaging, databaseUrl }));
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const lineUpdates = (customerId: string) => orders.received.filter((e) => e.topic === 'payments.creditLine.updated' && e.payload.customerId === customerId).map((e) => e.payload);
  const creditLineOf = async (caller: Caller, userId = caller.userId) => (await caller.data(CREDIT_LINE, { reps: [{ __typename: 'User', id: userId }] }))._entities[0].creditLine;

  async function approvedCustomer(limit = 200_000) {
    const customer = new Caller(url);
    // Income 5,000.00 (50 points, multiple 1): the limit is what is asked for, up to 5,000.00.
    const line = (await customer.data(APPLY, { input: { requestedLimit: limit, monthlyIncome: 500_000 } })).applyForCredit;
    expect(line).toMatchObject({ status: 'APPROVED', limit: { amount: limit, currency: 'USD' }, available: { amount: limit } });
    return customer;
  }

  it('scores an application from the declared income and the payment history, and tells orders', async () => {
    const customer = new Caller(url);
    // No history, income 1,000.00: 20 points, declined.
    const declined = (await customer.data(APPLY, { input: { requestedLimit: 500_000, monthlyIncome: 100_000 } })).applyForCredit;
    expect(declined).toMatchObject({ status: 'DECLINED', limit: { amount: 0 }, available: { amount: 0 } });

    // One captured payment of 200.00: 1 delivered order (10) and 200.00 paid (10); income 2,500.00 (35): 55.
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 20_000, customer.userId);
    await orders.awaitEvent('payments.payment.captured', orderId);
    const approved = (await customer.data(APPLY, { input: { requestedLimit: 500_000, monthlyIncome: 250_000 } })).applyForCredit;
    // Score 55 → multiple 1 → min(5,000.00 asked, 2,500.00 income, 10,000.00).
    expect(approved).toMatchObject({ id: declined.id, status: 'APPROVED', limit: { amount: 250_000 }, available: { amount: 250_000 } });

    const again = await customer.request(APPLY, { input: { requestedLimit: 500_000, monthlyIncome: 900_000 } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    await eventually(async () => lineUpdates(customer.userId).length === 2);
    expect(lineUpdates(customer.userId)).toEqual([
      { creditLineId: declined.id, customerId: customer.userId, status: 'DECLINED', limit: { amount: 0, currency: 'USD' }, available: { amount: 0, currency: 'USD' } },
      { creditLineId: declined.id, customerId: customer.userId, status: 'APPROVED', limit: { amount: 250_000, currency: 'USD' }, available: { amount: 250_000, currency: 'USD' } },
    ]);
  });

  it('refuses bad applications, changing nothing', async () => {
    const customer = new Caller(url);
    const expectError = async (input: Record<string, unknown>, field: string) => {
      const answer = await customer.request(APPLY, { input });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    };
    await expectError({ requestedLimit: 9_999, monthlyIncome: 500_000 }, 'input.requestedLimit');
    await expectError({ requestedLimit: 100_000, monthlyIncome: -1 }, 'input.monthlyIncome');
    await expectError({ requestedLimit: 100_000, monthlyIncome: 100_000_001 }, 'input.monthlyIncome');
    expect((await graphql(url, APPLY, { input: { requestedLimit: 100_000, monthlyIncome: 500_000 } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await sql('SELECT id FROM credit_line WHERE customer_id = $1', [customer.userId])).toEqual([]);
    expect(await creditLineOf(customer)).toBeNull();
  });

  it('buys in 6 instalments on the exact schedule, pays them all, and the balance is back', async () => {
    const customer = await approvedCustomer(200_000);
    const { orderId } = await orders.confirm({ method: 'CREDIT_LINE', installments: 6 }, 100_000, customer.userId);
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    expect(captured).toMatchObject({ method: 'CREDIT_LINE', amount: { amount: 100_000, currency: 'USD' } });
    expect(await customer.paymentOf(orderId)).toMatchObject({ status: 'CAPTURED', method: 'CREDIT_LINE', provider: 'credit_line' });

    const line = await creditLineOf(customer);
    expect(line.available.amount).toBe(100_000);
    const [plan] = line.installmentPlans;
    const [{ created_at: purchasedAt }] = await sql('SELECT created_at FROM installment_plan WHERE id = $1', [plan.id]);
    // 1,000.00 over 6 months at 1%: level 172.55, the last absorbs the rounding (docs/payments.md).
    expect(plan).toMatchObject({ order: { id: orderId }, count: 6, monthlyRateBasisPoints: 100, principal: { amount: 100_000, currency: 'USD' }, total: { amount: 103_528 } });
    expect(plan.installments.map((i: any) => [i.number, i.amount.amount, i.interest.amount, i.principal.amount, i.status])).toEqual([
      [1, 17_255, 1_000, 16_255, 'PENDING'],
      [2, 17_255, 837, 16_418, 'PENDING'],
      [3, 17_255, 673, 16_582, 'PENDING'],
      [4, 17_255, 507, 16_748, 'PENDING'],
      [5, 17_255, 340, 16_915, 'PENDING'],
      [6, 17_253, 171, 17_082, 'PENDING'],
    ]);
    expect(plan.installments.map((i: any) => i.dueDate)).toEqual([1, 2, 3, 4, 5, 6].map((k) => `${dueDate(new Date(purchasedAt), k)}T00:00:00.000Z`));

    // Someone else cannot pay (or learn of) the customer's instalments, nor read the line.
    const stranger = new Caller(url);
    expect((await stranger.request(PAY, { id: plan.installments[0].id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await stranger.request(CREDIT_LINE, { reps: [{ __typename: 'User', id: customer.userId }] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await customer.request(PAY, { id: 'x' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'installmentId' });

    let available = 100_000;
    for (const installment of plan.installments) {
      const paid = (await customer.data(PAY, { id: installment.id })).payInstallment;
      expect(paid).toMatchObject({ id: installment.id, status: 'PAID', paidAt: expect.any(String) });
      available += installment.principal.amount;
      expect((await creditLineOf(customer)).available.amount).toBe(available);
    }
    expect(available).toBe(200_000);
    expect((await customer.request(PAY, { id: plan.installments[0].id })).errors?.[0].extensions?.code).toBe('CONFLICT');
    await eventually(async () => lineUpdates(customer.userId).at(-1)?.available.amount === 200_000);
    // Applied, drawn, six repayments.
    expect(lineUpdates(customer.userId).map((u) => u.available.amount)).toEqual([200_000, 100_000, 116_255, 132_673, 149_255, 166_003, 182_918, 200_000]);
  });

  it('fails a credit purchase beyond the available balance with "insufficient credit", taking nothing', async () => {
    const customer = await approvedCustomer(100_000);
    const { orderId } = await orders.confirm({ method: 'CREDIT_LINE', installments: 3 }, 100_001, customer.userId);
    expect(await orders.awaitEvent('payments.payment.failed', orderId)).toMatchObject({ reason: 'insufficient credit' });
    const line = await creditLineOf(customer);
    expect(line).toMatchObject({ available: { amount: 100_000 }, installmentPlans: [] });

    const { orderId: noLine } = await orders.confirm({ method: 'CREDIT_LINE', installments: 3 }, 1_000);
    expect(await orders.awaitEvent('payments.payment.failed', noLine)).toMatchObject({ reason: 'no approved credit line' });
  });

  it('refunds a credit purchase in full only: unpaid instalments are dropped and the line is whole again', async () => {
    const customer = await approvedCustomer(100_000);
    const { orderId } = await orders.confirm({ method: 'CREDIT_LINE', installments: 3 }, 60_000, customer.userId);
    const { paymentId } = await orders.awaitEvent('payments.payment.captured', orderId);
    const [plan] = (await creditLineOf(customer)).installmentPlans;
    await customer.data(PAY, { id: plan.installments[0].id }); // 200.00 back: 60,000 / 3
    expect((await creditLineOf(customer)).available.amount).toBe(60_000);

    const admin = new Caller(url, randomUUID(), ['ADMIN']);
    const partial = await admin.request(`mutation { refundPayment(paymentId: "${paymentId}", amount: 100) { id } }`);
    expect(partial.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', refundable: 60_000 });

    await orders.cancel(orderId, customer.userId);
    expect(await orders.awaitEvent('payments.payment.refunded', orderId)).toMatchObject({ fully: true, refundedTotal: { amount: 60_000 } });
    const line = await creditLineOf(customer);
    expect(line.available.amount).toBe(100_000);
    expect(line.installmentPlans[0].installments.map((i: any) => [i.number, i.status])).toEqual([[1, 'PAID']]);
  });

  it('marks overdue instalments once, with two instances running the job at the same time', async () => {
    if (!databaseUrl) return; // two instances need a shared PostgreSQL server
    const customer = await approvedCustomer(100_000);
    const { orderId } = await orders.confirm({ method: 'CREDIT_LINE', installments: 3 }, 30_000, customer.userId);
    await orders.awaitEvent('payments.payment.captured', orderId);
    const other = await startPayments({ messaging, databaseUrl });
    try {
      const first = runningEngine(payments.runtime)!;
      const second = runningEngine(other.payments.runtime)!;
      // Everything due up to now has already been marked by earlier runs; in 50 days, the first instalment is late.
      await first.markOverdue();
      const later = new Date(Date.now() + 50 * 86_400_000);
      const marked = await Promise.all([first.markOverdue(later), second.markOverdue(later), first.markOverdue(later), second.markOverdue(later)]);
      const mine = await sql(`SELECT i.number, i.status FROM installment i JOIN installment_plan p ON p.id = i.plan_id WHERE p.order_id = $1 ORDER BY i.number`, [orderId]);
      expect(mine).toEqual([
        { number: 1, status: 'OVERDUE' },
        { number: 2, status: 'PENDING' },
        { number: 3, status: 'PENDING' },
      ]);
      const history = await sql(`SELECT h.installment_id FROM credit_history h JOIN credit_line l ON l.id = h.credit_line_id WHERE l.customer_id = $1 AND h.kind = 'OVERDUE'`, [customer.userId]);
      expect(history).toHaveLength(1);
      expect(marked.reduce((sum, n) => sum + n, 0)).toBe((await sql(`SELECT count(*)::int AS n FROM credit_history WHERE kind = 'OVERDUE'`))[0].n);
      expect(await first.markOverdue(later)).toBe(0);

      // An overdue instalment can still be paid.
      const line = await creditLineOf(customer);
      const overdue = line.installmentPlans[0].installments[0];
      expect(overdue.status).toBe('OVERDUE');
      expect((await customer.data(PAY, { id: overdue.id })).payInstallment.status).toBe('PAID');
    } finally {
      await other.payments.close();
    }
  });

  it('batches User.creditLine for many users in one query', async () => {
    const customers = await Promise.all(Array.from({ length: 10 }, () => approvedCustomer()));
    const admin = new Caller(url, randomUUID(), ['ADMIN']);
    const before = payments.database.queryCount;
    const answer = await admin.data(CREDIT_LINE, { reps: customers.map((c) => ({ __typename: 'User', id: c.userId })) });
    expect(answer._entities.map((e: any) => e.creditLine.status)).toEqual(Array(10).fill('APPROVED'));
    // One query for the lines, one for their plans: not one per user (a few more may be the
    // relay's and the worker's polls, which share the counter).
    expect(payments.database.queryCount - before).toBeLessThanOrEqual(6);
  });

  it('sets aside a payment that cannot be processed, so the payments behind it still go through', async () => {
    const customer = await approvedCustomer(100_000);
    // A row no consumer would write (5 instalments): drawing on the line throws for it.
    const [{ id: broken }] = await sql(
      `INSERT INTO payment (id, order_id, customer_id, amount, currency, method, status, provider, installments, next_attempt_at)
       VALUES (gen_random_uuid(), gen_random_uuid(), $1, 1000, 'USD', 'CREDIT_LINE', 'PENDING', 'credit_line', 5, now() - interval '1 hour') RETURNING id`,
      [customer.userId],
    );
    const { orderId } = await orders.confirm({ method: 'CREDIT_LINE', installments: 3 }, 3_000, customer.userId);
    await orders.awaitEvent('payments.payment.captured', orderId);
    const [row] = await sql('SELECT status, attempts, next_attempt_at > now() AS later FROM payment WHERE id = $1', [broken]);
    expect(row).toEqual({ status: 'PENDING', attempts: 1, later: true });
    expect((await creditLineOf(customer)).available.amount).toBe(97_000);
  });
});
