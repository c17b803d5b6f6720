import type { Role, Viewer } from '@supergraph/auth';
import { canMove, canRead, canReportLocation, requireCanMove, requireCanRead, requireCanReportLocation } from '../../src/domain/access';
import { thrownBy } from './helpers';

const user = (userId: string, ...roles: Role[]): Viewer => ({ kind: 'user', userId, roles });

const delivery = { id: 'd-1', customerId: 'customer', courierId: 'courier' };
const viewers = {
  customer: user('customer', 'CUSTOMER'),
  assignedCourier: user('courier', 'COURIER'),
  otherCourier: user('someone-else', 'COURIER'),
  admin: user('admin', 'ADMIN'),
  operator: user('operator', 'OPERATOR'),
  otherCustomer: user('stranger', 'CUSTOMER'),
  partner: user('partner', 'PARTNER'),
  // The assigned courier's id after their COURIER role was withdrawn.
  formerCourier: user('courier', 'CUSTOMER'),
  anonymous: null,
};
type Who = keyof typeof viewers;

describe('who may do what with a delivery', () => {
  it.each<[Who, boolean, boolean, boolean]>([
    // who, read, move, report location
    ['customer', true, false, false],
    ['assignedCourier', true, true, true],
    ['otherCourier', false, false, false],
    ['admin', true, true, false],
    ['operator', true, false, false],
    ['otherCustomer', false, false, false],
    ['partner', false, false, false],
    ['formerCourier', false, false, false],
    ['anonymous', false, false, false],
  ])('%s: read %p, move %p, report its location %p', (who, read, move, report) => {
    const viewer = viewers[who];
    expect([canRead(viewer, delivery), canMove(viewer, delivery), canReportLocation(viewer, delivery)]).toEqual([read, move, report]);
  });

  it('lets no courier move a delivery that has none yet, but lets an admin', () => {
    const pending = { ...delivery, courierId: null };
    expect(canMove(viewers.assignedCourier, pending)).toBe(false);
    expect(canRead(viewers.otherCourier, pending)).toBe(false);
    expect(canMove(viewers.admin, pending)).toBe(true);
  });

  it('answers with the codes a client sees', () => {
    expect(thrownBy(() => requireCanRead(null, delivery)).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Strangers learn nothing, not even that the delivery exists.
    expect(thrownBy(() => requireCanRead(viewers.otherCourier, delivery)).extensions).toMatchObject({ code: 'NOT_FOUND', id: 'd-1' });
    expect(thrownBy(() => requireCanMove(viewers.otherCustomer, delivery)).extensions).toMatchObject({ code: 'NOT_FOUND' });
    // Those who may see it, but not change it, are told so.
    expect(thrownBy(() => requireCanMove(viewers.customer, delivery)).extensions).toMatchObject({ code: 'FORBIDDEN', id: 'd-1' });
    expect(thrownBy(() => requireCanMove(viewers.operator, delivery)).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(thrownBy(() => requireCanReportLocation(viewers.admin, delivery)).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(() => requireCanMove(viewers.assignedCourier, delivery)).not.toThrow();
    expect(() => requireCanMove(viewers.admin, delivery)).not.toThrow();
    expect(() => requireCanReportLocation(viewers.assignedCourier, delivery)).not.toThrow();
    expect(() => requireCanRead(viewers.operator, delivery)).not.toThrow();
  });
});
