import { DELIVERY_STATUSES, DeliveryTopics, acceptsLocation, canTransition, eventFor, requireAcceptsLocation, requireTransition, type DeliveryStatus, type Mover } from '../../src/domain/stateMachine';
import { thrownBy } from './helpers';

// Written out rather than read from TRANSITIONS, so a change to the table has to change this too.
const LEGAL: [DeliveryStatus, DeliveryStatus, Mover][] = [
  ['PENDING', 'ASSIGNED', 'system'],
  ['ASSIGNED', 'PICKED_UP', 'courier'],
  ['ASSIGNED', 'FAILED', 'courier'],
  ['PICKED_UP', 'IN_TRANSIT', 'courier'],
  ['PICKED_UP', 'FAILED', 'courier'],
  ['IN_TRANSIT', 'DELIVERED', 'courier'],
  ['IN_TRANSIT', 'FAILED', 'courier'],
];
const isLegal = (from: DeliveryStatus, to: DeliveryStatus, by: Mover) => LEGAL.some(([f, t, b]) => f === from && t === to && b === by);
const ILLEGAL = DELIVERY_STATUSES.flatMap((from) => DELIVERY_STATUSES.flatMap((to) => (['system', 'courier'] as const).filter((by) => !isLegal(from, to, by)).map((by) => [from, to, by] as const)));

describe('delivery status transitions', () => {
  it.each(LEGAL)('lets %s go to %s when the %s moves it', (from, to, by) => {
    expect(canTransition(from, to, by)).toBe(true);
    expect(() => requireTransition(from, to, by)).not.toThrow();
  });

  it('refuses every other move', () => {
    expect(ILLEGAL).toHaveLength(6 * 6 * 2 - LEGAL.length);
  });

  it.each(ILLEGAL)('refuses %s → %s by the %s with CONFLICT', (from, to, by) => {
    expect(canTransition(from, to, by)).toBe(false);
    const error = thrownBy(() => requireTransition(from, to, by));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', from, to });
  });

  it('tells a person that assignment is not theirs to make', () => {
    expect(thrownBy(() => requireTransition('PENDING', 'ASSIGNED', 'courier')).message).toBe('A delivery becomes ASSIGNED by assignment, not by hand');
  });

  it('takes locations only while the delivery is under way', () => {
    expect(DELIVERY_STATUSES.filter(acceptsLocation)).toEqual(['ASSIGNED', 'PICKED_UP', 'IN_TRANSIT']);
    for (const status of ['PENDING', 'DELIVERED', 'FAILED'] as const) {
      expect(thrownBy(() => requireAcceptsLocation(status)).extensions).toMatchObject({ code: 'CONFLICT', status });
    }
  });
});

describe('events of a delivery', () => {
  const delivery = { id: 'd-1', orderId: 'o-1', customerId: 'c-1', courierId: 'k-1' };
  const at = new Date('2026-03-01T09:30:00.000Z');
  const payload = (status: DeliveryStatus) => ({ deliveryId: 'd-1', orderId: 'o-1', customerId: 'c-1', courierId: 'k-1', status, at: '2026-03-01T09:30:00.000Z' });

  it('announces assignment, pick-up (orders: SHIPPED), delivery (orders: DELIVERED) and failure', () => {
    expect(eventFor(delivery, 'ASSIGNED', at)).toEqual({ topic: 'delivery.delivery.assigned', payload: payload('ASSIGNED') });
    expect(eventFor(delivery, 'PICKED_UP', at)).toEqual({ topic: 'delivery.delivery.pickedUp', payload: payload('PICKED_UP') });
    expect(eventFor(delivery, 'DELIVERED', at)).toEqual({ topic: 'delivery.delivery.delivered', payload: payload('DELIVERED') });
    expect(eventFor(delivery, 'FAILED', at, 'Nobody home three times')).toEqual({
      topic: DeliveryTopics.failed,
      payload: { ...payload('FAILED'), reason: 'Nobody home three times' },
    });
  });

  it('announces nothing for being under way or waiting', () => {
    expect(eventFor(delivery, 'IN_TRANSIT', at)).toBeNull();
    expect(eventFor(delivery, 'PENDING', at)).toBeNull();
  });

  it('puts a reason only on a failure', () => {
    expect(eventFor(delivery, 'DELIVERED', at, 'left at the door')!.payload).not.toHaveProperty('reason');
    expect(eventFor(delivery, 'FAILED', at)!.payload).not.toHaveProperty('reason');
  });

  it('treats an announced move without a courier as a bug', () => {
    expect(() => eventFor({ ...delivery, courierId: null }, 'PICKED_UP', at)).toThrow('without a courier');
  });
});
