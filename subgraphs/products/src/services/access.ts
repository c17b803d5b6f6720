import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, unauthenticated } from '@supergraph/errors';
import { isUuid } from './validation';

/** The signed-in caller, or UNAUTHENTICATED. User ids are UUIDs (users subgraph); anything else never reaches SQL. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer || !isUuid(viewer.userId)) throw unauthenticated();
  return viewer;
}

/** Admins only: UNAUTHENTICATED for anonymous callers, FORBIDDEN for everyone else. */
export function requireAdmin(viewer: Viewer | null, action = 'change the catalogue'): Viewer {
  const caller = requireViewer(viewer);
  if (!hasRole(caller, 'ADMIN')) throw forbidden(`Only admins may ${action}`);
  return caller;
}

/** The user themself or an admin. */
export function requireSelfOrAdmin(viewer: Viewer | null, userId: string, what: string): Viewer {
  const caller = requireViewer(viewer);
  if (caller.userId !== userId && !hasRole(caller, 'ADMIN')) throw forbidden(`${what} is private`);
  return caller;
}
