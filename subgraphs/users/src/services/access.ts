import { hasRole, type Viewer } from '@supergraph/auth';
import { unauthenticated } from '@supergraph/errors';

/** Who may do what with accounts and API keys, in one place. */

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The user themself or an admin. */
export function canManage(viewer: Viewer | null, userId: string): boolean {
  return !!viewer && (viewer.userId === userId || hasRole(viewer, 'ADMIN'));
}
