import type { Viewer } from '@supergraph/auth';

/**
 * Who is calling, as far as the answer depends on it: the part of the signed identity headers a
 * subgraph authorizes with (kind, user, API key and its issuer, roles; roles in a stable order). Two callers may
 * share one upstream request or subscription only when their keys are equal; this one function
 * decides that for HTTP fetch deduplication and for shared subscriptions alike.
 */
export function identityKey(viewer: Viewer | null | undefined): string {
  if (!viewer) return 'anonymous';
  return JSON.stringify([viewer.kind, viewer.userId, viewer.apiKeyId ?? null, viewer.issuer ?? null, [...viewer.roles].sort()]);
}
