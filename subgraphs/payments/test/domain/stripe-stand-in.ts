import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the few Stripe API endpoints the Stripe provider calls, on 127.0.0.1 and
 * a free port, so the real SDK can be exercised without a network. Like Stripe, it replays the
 * stored answer of a POST whose `Idempotency-Key` it has seen, and it counts what it creates.
 *
 * Payment methods made from `tok_chargeDeclined` are declined; from `tok_transient`, the first two
 * tries of an idempotency key get a 500 (not stored for replay, so nothing is created); from
 * `tok_timeout`, the intent is created and succeeds but the answer is never sent (the socket stays
 * silent); anything else succeeds.
 */
export interface StripeStandIn {
  port: number;
  /** PaymentIntents really created (idempotent replays excluded). */
  created: { paymentIntents: number; refunds: number; paymentMethods: number };
  requests: string[];
  close(): Promise<void>;
}

interface Intent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  payment_method: string;
  metadata: Record<string, string>;
  last_payment_error: null | { type: string; code: string; decline_code: string; message: string };
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const intents: Intent[] = [];
  const replays = new Map<string, { status: number; body: unknown }>();
  const transientTries = new Map<string, number>();
  const created = { paymentIntents: 0, refunds: 0, paymentMethods: 0 };
  const requests: string[] = [];
  let seq = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++seq}` });
    res.end(JSON.stringify(body));
  };

  // Returns the answer to store for idempotent replay; undefined = never answer.
  const post = (path: string, form: URLSearchParams): { status: number; body: unknown } | undefined => {
    if (path === '/v1/payment_methods') {
      created.paymentMethods++;
      return { status: 200, body: { id: `pm_from_${form.get('card[token]')}_${++seq}`, object: 'payment_method', type: 'card' } };
    }
    if (path === '/v1/payment_intents') {
      created.paymentIntents++;
      const paymentMethod = form.get('payment_method') ?? '';
      const metadata: Record<string, string> = {};
      for (const [key, value] of form) {
        const match = /^metadata\[(.+)\]$/.exec(key);
        if (match) metadata[match[1]] = value;
      }
      const amount = Number(form.get('amount'));
      const intent: Intent = {
        id: `pi_${++seq}`,
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: form.get('currency') ?? '',
        status: 'succeeded',
        payment_method: paymentMethod,
        metadata,
        last_payment_error: null,
      };
      intents.push(intent);
      if (paymentMethod.includes('chargeDeclined')) {
        const error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
        intent.status = 'requires_payment_method';
        intent.last_payment_error = error;
        return { status: 402, body: { error: { ...error, payment_intent: intent } } };
      }
      intent.amount_received = amount;
      if (paymentMethod.includes('timeout')) return undefined;
      return { status: 200, body: intent };
    }
    if (path === '/v1/refunds') {
      created.refunds++;
      const intent = intents.find((candidate) => candidate.id === form.get('payment_intent'));
      if (!intent) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
      return { status: 200, body: { id: `re_${++seq}`, object: 'refund', amount: Number(form.get('amount')), payment_intent: intent.id, status: 'succeeded' } };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (POST: ${path})` } } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    if (req.method === 'GET' && url.pathname === '/v1/payment_intents/search') {
      const key = /metadata\['idempotency_key'\]:'(.*)'$/.exec(url.searchParams.get('query') ?? '')?.[1]?.replace(/\\(.)/g, '$1');
      const data = intents.filter((intent) => intent.metadata.idempotency_key === key);
      return send(res, 200, { object: 'search_result', data, has_more: false, next_page: null, url: url.pathname });
    }
    if (req.method !== 'POST') return send(res, 404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const idempotencyKey = req.headers['idempotency-key'];
    const replayKey = typeof idempotencyKey === 'string' ? `${url.pathname} ${idempotencyKey}` : null;
    const stored = replayKey ? replays.get(replayKey) : undefined;
    if (stored) return send(res, stored.status, stored.body);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (url.pathname === '/v1/payment_intents' && form.get('payment_method')?.includes('transient')) {
      const tries = (transientTries.get(replayKey ?? '') ?? 0) + 1;
      transientTries.set(replayKey ?? '', tries);
      if (tries <= 2) return send(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    }
    const answer = post(url.pathname, form);
    if (!answer) return; // the timeout case: leave the socket silent
    if (replayKey) replays.set(replayKey, answer);
    send(res, answer.status, answer.body);
  };

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    created,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
