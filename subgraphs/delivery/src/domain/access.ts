import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, notFound, unauthenticated } from '@supergraph/errors';

/** Who may do what with a delivery, in one place. */

export interface DeliveryParties {
  id: string;
  /** The order's customer. */
  customerId: string;
  /** The assigned courier; null while PENDING. */
  courierId: string | null;
}

/** The assigned courier, while they hold the role: a courier whose role was withdrawn keeps no rights over past assignments. */
export function isAssignedCourier(viewer: Viewer | null, delivery: DeliveryParties): boolean {
  return !!viewer && delivery.courierId !== null && viewer.userId === delivery.courierId && hasRole(viewer, 'COURIER');
}

/**
 * Reading a delivery (status, courier, ETA, tracking points; also following it live): the order's
 * customer, the assigned courier, admins, and operators, who answer customers' questions about it.
 * Other couriers see nothing: tracking points say where a colleague is.
 */
export function canRead(viewer: Viewer | null, delivery: DeliveryParties): boolean {
  if (!viewer) return false;
  return viewer.userId === delivery.customerId || isAssignedCourier(viewer, delivery) || hasRole(viewer, 'ADMIN', 'OPERATOR');
}

/** Moving a delivery along (`updateDeliveryStatus`): the assigned courier, and admins who correct a courier's mistake. */
export function canMove(viewer: Viewer | null, delivery: DeliveryParties): boolean {
  return isAssignedCourier(viewer, delivery) || hasRole(viewer, 'ADMIN');
}

/** Reporting a location: only the assigned courier; where an admin stands says nothing about the parcel. */
export function canReportLocation(viewer: Viewer | null, delivery: DeliveryParties): boolean {
  return isAssignedCourier(viewer, delivery);
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** NOT_FOUND rather than FORBIDDEN, as for orders: a stranger learns nothing, not even that the delivery exists. */
export function requireCanRead(viewer: Viewer | null, delivery: DeliveryParties): void {
  requireViewer(viewer);
  if (!canRead(viewer, delivery)) throw notFound('Delivery not found', { id: delivery.id });
}

/** Those who may read it but not move it (the customer, operators) get FORBIDDEN; strangers NOT_FOUND. */
export function requireCanMove(viewer: Viewer | null, delivery: DeliveryParties): void {
  requireCanRead(viewer, delivery);
  if (!canMove(viewer, delivery)) throw forbidden('Only the assigned courier and admins may change a delivery', { id: delivery.id });
}

export function requireCanReportLocation(viewer: Viewer | null, delivery: DeliveryParties): void {
  requireCanRead(viewer, delivery);
  if (!canReportLocation(viewer, delivery)) throw forbidden('Only the assigned courier may report their location', { id: delivery.id });
}
