import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, unauthenticated } from '@supergraph/errors';

/** Who may do what with payments and credit lines, in one place. */

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireAdmin(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (!hasRole(signedIn, 'ADMIN')) throw forbidden('Only admins may do this');
  return signedIn;
}

/** A payment or a credit line: its customer and admins. */
export function isOwnerOrAdmin(viewer: Viewer | null, customerId: string): boolean {
  return !!viewer && (viewer.userId === customerId || hasRole(viewer, 'ADMIN'));
}
