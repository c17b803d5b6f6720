import type { DeliveryStatus } from './stateMachine';

/** A delivery counts against its courier's capacity from assignment until it is DELIVERED or FAILED. */
export const OPEN_STATUSES: readonly DeliveryStatus[] = ['ASSIGNED', 'PICKED_UP', 'IN_TRANSIT'];

export const isOpen = (status: DeliveryStatus) => OPEN_STATUSES.includes(status);

/** A courier (a user with role COURIER) as the assignment sees them, read under a row lock. */
export interface CourierLoad {
  id: string;
  /** Deliveries in OPEN_STATUSES assigned to this courier. */
  openDeliveries: number;
  /** How many open deliveries the courier may carry at once. */
  capacity: number;
  /** Off shift or paused: never chosen, whatever the load. */
  available: boolean;
  /** When the courier was last given a delivery; null or absent if never. */
  lastAssignedAt?: Date | null;
}

export const hasRoom = (courier: CourierLoad) => courier.available && courier.openDeliveries < courier.capacity;

/**
 * The order of preference among couriers with room:
 * 1. fewest open deliveries (spread the load);
 * 2. then the one who has waited longest since their last assignment, never-assigned first
 *    (among equally loaded couriers, work goes round instead of always to the same person);
 * 3. then the smaller id, compared as plain strings (not locale-dependent), so the choice is the
 *    same on every instance and in every test.
 */
export function compareCouriers(a: CourierLoad, b: CourierLoad): number {
  if (a.openDeliveries !== b.openDeliveries) return a.openDeliveries - b.openDeliveries;
  const waitedA = a.lastAssignedAt?.getTime() ?? -Infinity;
  const waitedB = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (waitedA !== waitedB) return waitedA < waitedB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The courier a new delivery goes to, or null when every courier is unavailable or full (the
 * delivery then waits PENDING). Capacity is only safe if `couriers` was read under a lock that
 * the assignment's transaction keeps until it commits (docs/delivery.md, "Assignment").
 */
export function chooseCourier(couriers: readonly CourierLoad[]): CourierLoad | null {
  let best: CourierLoad | null = null;
  for (const courier of couriers) {
    if (hasRoom(courier) && (!best || compareCouriers(courier, best) < 0)) best = courier;
  }
  return best;
}

/**
 * Assigns waiting deliveries, oldest first (the caller passes them in that order), when couriers
 * free up: each goes to `chooseCourier` of the loads so far, which then count it. Stops when
 * every courier is full; the rest keep waiting in the same order.
 */
export function planAssignments(pending: readonly { id: string }[], couriers: readonly CourierLoad[], now: Date): { deliveryId: string; courierId: string }[] {
  const loads = couriers.map((courier) => ({ ...courier }));
  const plan: { deliveryId: string; courierId: string }[] = [];
  for (const delivery of pending) {
    const courier = chooseCourier(loads);
    if (!courier) break;
    courier.openDeliveries += 1;
    courier.lastAssignedAt = now;
    plan.push({ deliveryId: delivery.id, courierId: courier.id });
  }
  return plan;
}
