import { GraphQLError } from 'graphql';
import { SimulatedProvider } from '../../src/domain/providers/simulated';

const request = (token: string, idempotencyKey: string, amount = 4_999) => ({ amount, currency: 'usd', token, idempotencyKey });

describe('simulated payment provider', () => {
  it('captures tok_visa once per idempotency key and replays the same charge for the same key', async () => {
    const provider = new SimulatedProvider();
    const first = await provider.charge(request('tok_visa', 'order-1-attempt-1'));
    const again = await provider.charge(request('tok_visa', 'order-1-attempt-1'));
    expect(first).toEqual({ outcome: 'captured', chargeRef: expect.stringMatching(/^ch_sim_/), amount: 4_999 });
    expect(again).toEqual(first);
    expect(provider.captures).toHaveLength(1);
    expect(await provider.findCharge('order-1-attempt-1')).toEqual({ status: 'captured', chargeRef: (first as { chargeRef: string }).chargeRef, amount: 4_999 });
  });

  it('declines tok_chargeDeclined, every time, without capturing', async () => {
    const provider = new SimulatedProvider();
    expect(await provider.charge(request('tok_chargeDeclined', 'order-2-attempt-1'))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    expect(await provider.charge(request('tok_chargeDeclined', 'order-2-attempt-1'))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    expect(await provider.charge(request('tok_chargeDeclined', 'order-2-attempt-2'))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    expect(provider.captures).toHaveLength(0);
  });

  it('declines a token it does not know', async () => {
    const provider = new SimulatedProvider();
    expect(await provider.charge(request('tok_nonsense', 'order-3-attempt-1'))).toEqual({ outcome: 'declined', reason: 'invalid_token' });
  });

  it('fails tok_transient twice per idempotency key, then captures it', async () => {
    const provider = new SimulatedProvider();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await provider.charge(request('tok_transient', 'order-4-attempt-1'))).outcome);
    expect(outcomes).toEqual(['transient-failure', 'transient-failure', 'captured', 'captured']);
    // A new key starts counting afresh.
    expect((await provider.charge(request('tok_transient', 'order-5-attempt-1'))).outcome).toBe('transient-failure');
    expect(provider.captures.map((capture) => capture.idempotencyKey)).toEqual(['order-4-attempt-1']);
  });

  it('never answers tok_timeout, yet the charge is captured and findCharge reports it', async () => {
    const provider = new SimulatedProvider();
    const answer = provider.charge(request('tok_timeout', 'order-6-attempt-1'));
    const race = await Promise.race([answer, new Promise((resolve) => setTimeout(() => resolve('no answer'), 50))]);
    expect(race).toBe('no answer');
    expect(provider.captures).toHaveLength(1);
    expect(await provider.findCharge('order-6-attempt-1')).toEqual({ status: 'captured', chargeRef: expect.stringMatching(/^ch_sim_/), amount: 4_999 });
    expect(await provider.findCharge('never-used-key')).toBeNull();
  });

  it('refuses an idempotency key reused with another amount (CONFLICT)', async () => {
    const provider = new SimulatedProvider();
    await provider.charge(request('tok_visa', 'order-7-attempt-1', 1_000));
    const error = await provider.charge(request('tok_visa', 'order-7-attempt-1', 2_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('CONFLICT');
    expect(provider.captures).toHaveLength(1);
  });

  it('refunds up to the captured amount, idempotently', async () => {
    const provider = new SimulatedProvider();
    const charge = await provider.charge(request('tok_visa', 'order-8-attempt-1', 1_000));
    const chargeRef = (charge as { chargeRef: string }).chargeRef;
    const first = await provider.refund({ chargeRef, amount: 600, idempotencyKey: 'refund-1' });
    expect(await provider.refund({ chargeRef, amount: 600, idempotencyKey: 'refund-1' })).toEqual(first);
    await expect(provider.refund({ chargeRef, amount: 401, idempotencyKey: 'refund-2' })).rejects.toThrow(/exceeds/);
    expect(await provider.refund({ chargeRef, amount: 400, idempotencyKey: 'refund-3' })).toEqual({ refundRef: expect.stringMatching(/^re_sim_/), amount: 400 });
  });

  it('accepts a webhook signed with its secret and refuses a forged or altered one (UNAUTHENTICATED)', () => {
    const provider = new SimulatedProvider({ webhookSecret: 'whsec_test_simulated' });
    const event = { id: 'evt_1', type: 'charge.captured' as const, chargeRef: 'ch_sim_1', idempotencyKey: 'order-9-attempt-1', amount: 1_000 };
    const { body, signature } = provider.signWebhook(event);
    expect(provider.parseWebhook(body, signature)).toEqual({ ...event, providerType: 'charge.captured' });
    expect(provider.parseWebhook(Buffer.from(body), signature).id).toBe('evt_1');

    const forged = new SimulatedProvider({ webhookSecret: 'whsec_someone_else' }).signWebhook(event);
    const altered = body.replace('1000', '100000');
    for (const [rawBody, header] of [
      [forged.body, forged.signature],
      [altered, signature],
      [body, 'not a signature'],
    ]) {
      let caught: unknown;
      try {
        provider.parseWebhook(rawBody, header);
      } catch (error) {
        caught = error;
      }
      expect((caught as GraphQLError).extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('passes an event type it does not act on as other', () => {
    const provider = new SimulatedProvider();
    const { body, signature } = provider.signWebhook({ id: 'evt_2', type: 'charge.disputed' as 'other', chargeRef: 'ch_sim_1', idempotencyKey: null, amount: null });
    expect(provider.parseWebhook(body, signature)).toMatchObject({ id: 'evt_2', type: 'other', providerType: 'charge.disputed' });
  });

  it('refuses a webhook signed more than five minutes ago (replay)', () => {
    const provider = new SimulatedProvider();
    const { body, signature } = provider.signWebhook({ id: 'evt_old', type: 'charge.captured', chargeRef: 'ch_sim_1', idempotencyKey: 'k', amount: 1 }, Math.floor(Date.now() / 1000) - 301);
    expect(() => provider.parseWebhook(body, signature)).toThrow('Webhook signature is not valid');
  });
});
