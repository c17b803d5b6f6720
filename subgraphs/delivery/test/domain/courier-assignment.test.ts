import { chooseCourier, isOpen, planAssignments, type CourierLoad } from '../../src/domain/assignment';

const courier = (id: string, openDeliveries: number, more: Partial<CourierLoad> = {}): CourierLoad => ({ id, openDeliveries, capacity: 3, available: true, ...more });

// Every ordering of a list: the choice must not depend on the order rows come back in.
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('choosing a courier', () => {
  it('gives the delivery to the available courier with the fewest open deliveries', () => {
    expect(chooseCourier([courier('a', 2), courier('b', 0), courier('c', 1)])?.id).toBe('b');
  });

  it('breaks a tie by who has waited longest since their last assignment, never-assigned first', () => {
    const couriers = [
      courier('a', 1, { lastAssignedAt: new Date('2026-03-01T10:00:00Z') }),
      courier('b', 1, { lastAssignedAt: new Date('2026-03-01T09:00:00Z') }),
      courier('c', 2, { lastAssignedAt: null }),
    ];
    for (const order of permutations(couriers)) expect(chooseCourier(order)?.id).toBe('b');
    const withNewcomer = [...couriers, courier('d', 1)];
    for (const order of permutations(withNewcomer)) expect(chooseCourier(order)?.id).toBe('d');
  });

  it('breaks a remaining tie by the smaller id, whatever order the couriers come in', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const couriers = [
      courier('c0ffee00-0000-4000-8000-000000000002', 1, { lastAssignedAt: at }),
      courier('C0FFEE00-0000-4000-8000-000000000003', 1, { lastAssignedAt: at }),
      courier('c0ffee00-0000-4000-8000-000000000001', 1, { lastAssignedAt: at }),
    ];
    // Plain string order: upper case sorts before lower case, in every locale.
    for (const order of permutations(couriers)) expect(chooseCourier(order)?.id).toBe('C0FFEE00-0000-4000-8000-000000000003');
  });

  it('never gives a courier more than their capacity, nor work to an unavailable courier', () => {
    expect(chooseCourier([courier('full', 3, { capacity: 3 }), courier('busy', 4, { capacity: 5 })])?.id).toBe('busy');
    expect(chooseCourier([courier('off', 0, { available: false }), courier('on', 2)])?.id).toBe('on');
    expect(chooseCourier([courier('none', 0, { capacity: 0 })])).toBeNull();
  });

  it('chooses nobody when no courier has room, so the delivery waits PENDING', () => {
    expect(chooseCourier([courier('a', 3), courier('b', 1, { available: false })])).toBeNull();
    expect(chooseCourier([])).toBeNull();
  });

  it('counts only deliveries under way as open', () => {
    expect(['PENDING', 'ASSIGNED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'FAILED'].filter((status) => isOpen(status as Parameters<typeof isOpen>[0]))).toEqual([
      'ASSIGNED',
      'PICKED_UP',
      'IN_TRANSIT',
    ]);
  });
});

describe('assigning waiting deliveries', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('hands them out oldest first, spreading the load, until every courier is full', () => {
    const couriers = [courier('a', 0, { capacity: 2 }), courier('b', 1, { capacity: 2 }), courier('c', 0, { capacity: 1, available: false })];
    const plan = planAssignments([{ id: 'd1' }, { id: 'd2' }, { id: 'd3' }, { id: 'd4' }], couriers, now);
    expect(plan).toEqual([
      { deliveryId: 'd1', courierId: 'a' },
      // a and b now both have 1; b was never assigned in this run and has no date, so b waited longer.
      { deliveryId: 'd2', courierId: 'b' },
      { deliveryId: 'd3', courierId: 'a' },
    ]);
    // The inputs are the caller's rows: untouched.
    expect(couriers.map((c) => c.openDeliveries)).toEqual([0, 1, 0]);
  });

  it('gives the last free place to only one of two deliveries that arrive together', () => {
    const plan = planAssignments([{ id: 'first' }, { id: 'second' }], [courier('a', 2, { capacity: 3 }), courier('b', 3, { capacity: 3 })], now);
    expect(plan).toEqual([{ deliveryId: 'first', courierId: 'a' }]);
  });

  it('never exceeds any capacity, whatever the load', () => {
    const couriers = Array.from({ length: 7 }, (_, i) => courier(`k${i}`, i % 3, { capacity: (i % 4) + 1, available: i !== 5 }));
    const pending = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}` }));
    const plan = planAssignments(pending, couriers, now);
    const room = couriers.filter((c) => c.available).reduce((sum, c) => sum + Math.max(0, c.capacity - c.openDeliveries), 0);
    expect(plan).toHaveLength(room);
    for (const c of couriers) {
      const given = plan.filter((p) => p.courierId === c.id).length;
      if (c.available) expect(c.openDeliveries + given).toBeLessThanOrEqual(c.capacity);
      else expect(given).toBe(0);
    }
  });
});
