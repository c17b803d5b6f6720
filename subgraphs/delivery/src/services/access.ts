import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden } from '@supergraph/errors';
import { requireViewer } from '../domain/access';

/** Who may do what: the delivery rules live in domain/access.ts; what only the service needs, here. */
export { canRead, requireCanMove, requireCanRead, requireCanReportLocation, requireViewer } from '../domain/access';

/** `courierDeliveries` is a courier's own work list. */
export function requireCourier(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (!hasRole(signedIn, 'COURIER')) throw forbidden('Only couriers have deliveries of their own');
  return signedIn;
}
