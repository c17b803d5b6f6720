import { z } from 'zod';
import { BODY_SIGNATURE_HEADER, verifyBodySignature } from '@supergraph/auth';
import { readBody, sendJson, type Route, type SubgraphRuntime } from '@supergraph/service-kit';
import type { PresenceHub } from './hub';

/** The longest a router may keep a connection alive without refreshing it (it sends a few times its refresh period). */
const MAX_CONNECTION_TTL_MS = 10 * 60_000;

const batch = z.object({
  /** How long each connection listed in `connected` stays without being listed again. */
  ttlMs: z.number().int().min(1000).max(MAX_CONNECTION_TTL_MS),
  connected: z.array(z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) })).max(50_000),
  closed: z.array(z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) })).max(50_000),
});

export type PresenceBatch = z.infer<typeof batch>;

/**
 * `POST /internal/presence` — routers tell messaging about their authenticated graphql-ws
 * connections: opened, closed, and a periodic refresh of every live one. Each connection is kept
 * for `ttlMs`, so the connections of a router that died without a word lapse by themselves. Only
 * routers can post: the body must be signed with the identity secret.
 */
export function presenceRoute(runtime: SubgraphRuntime, hub: PresenceHub): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    const body = await readBody(req, 8 * 1024 * 1024);
    const signature = req.headers[BODY_SIGNATURE_HEADER];
    if (!verifyBodySignature(body, typeof signature === 'string' ? signature : undefined, runtime.secrets.identity)) return sendJson(res, 401, { error: 'unsigned request' });
    let parsed: PresenceBatch;
    try {
      parsed = batch.parse(JSON.parse(body));
    } catch {
      return sendJson(res, 400, { error: 'invalid body' });
    }
    const expiresAt = Date.now() + parsed.ttlMs;
    await hub.apply([
      ...parsed.connected.map((c) => ({ userId: c.userId, source: `ws:${c.id}`, status: 'ONLINE' as const, expiresAt })),
      ...parsed.closed.map((c) => ({ userId: c.userId, source: `ws:${c.id}`, status: null, expiresAt: 0 })),
    ]);
    return sendJson(res, 200, { ok: true });
  };
}
