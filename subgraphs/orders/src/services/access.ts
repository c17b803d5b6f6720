import { hasRole, type Viewer } from '@supergraph/auth';
import { unauthenticated } from '@supergraph/errors';

/** Who may do what with carts and orders, in one place. */

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The customer and admins: cancel an order, follow it live, list a customer's orders. */
export function isSelfOrAdmin(viewer: Viewer | null, customerId: string): boolean {
  return !!viewer && (viewer.userId === customerId || hasRole(viewer, 'ADMIN'));
}

/** Reading one order: also operators, who answer customers' questions about it. */
export function canReadOrder(viewer: Viewer | null, order: { customerId: string }): boolean {
  return isSelfOrAdmin(viewer, order.customerId) || hasRole(viewer, 'OPERATOR');
}
