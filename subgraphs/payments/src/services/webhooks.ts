import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode, isErrorCode } from '@supergraph/errors';
import { PayloadTooLargeError, sendJson, type Route } from '@supergraph/service-kit';
import type { PaymentsEngine } from './engine';

const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The exact bytes received: the signature is over them, so the JSON is parsed only after the check. */
async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) throw new PayloadTooLargeError(`Webhook body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST /webhooks/payments`: the provider calls payments directly (not through the router). The
 * signature (`Stripe-Signature`, also used by the simulated provider) is checked over the raw
 * body; a replayed event is acknowledged and changes nothing.
 */
export function webhookRoute(engine: PaymentsEngine): Route {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendJson(res, 405, { errors: [{ message: 'POST only', extensions: { code: ErrorCode.BAD_REQUEST } }] }, { allow: 'POST' });
    let body: Buffer;
    try {
      body = await rawBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: ErrorCode.BAD_REQUEST } }] });
      throw error;
    }
    let event;
    try {
      event = engine.provider.parseWebhook(body, String(req.headers['stripe-signature'] ?? ''));
    } catch (error) {
      // A refused signature is the provider's UNAUTHENTICATED; anything else it threw says only that the body is not an event.
      if (error instanceof GraphQLError && isErrorCode(error.extensions.code)) return sendJson(res, 400, { errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
      return sendJson(res, 400, { errors: [{ message: 'Webhook body is not a valid event', extensions: { code: ErrorCode.BAD_REQUEST } }] });
    }
    const fresh = await engine.handleWebhook(event);
    sendJson(res, 200, { received: true, duplicate: !fresh });
  };
}
