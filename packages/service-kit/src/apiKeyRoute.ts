import { BODY_SIGNATURE_HEADER, verifyBodySignature, type Viewer } from '@supergraph/auth';
import { readBody, sendJson, type Route } from './http';
import type { SubgraphRuntime } from './runSubgraph';

/**
 * `POST /internal/api-keys/verify`, served by every subgraph that issues API keys: the router turns an
 * `x-api-key` into an identity here. Only the router can ask: the body must be signed with the
 * identity secret. `verify` answers for the issuer's own keys and null for anything else.
 */
export function apiKeyVerificationRoute(runtime: SubgraphRuntime, verify: (secret: string) => Promise<Viewer | null>): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    const body = await readBody(req, 4096);
    const signature = req.headers[BODY_SIGNATURE_HEADER];
    if (!verifyBodySignature(body, typeof signature === 'string' ? signature : undefined, runtime.secrets.identity)) {
      return sendJson(res, 401, { error: 'unsigned request' });
    }
    let key: unknown;
    try {
      key = (JSON.parse(body) as { key?: unknown }).key;
    } catch {
      return sendJson(res, 400, { error: 'invalid body' });
    }
    const viewer = typeof key === 'string' ? await verify(key) : null;
    return viewer ? sendJson(res, 200, { viewer }) : sendJson(res, 404, { viewer: null });
  };
}
