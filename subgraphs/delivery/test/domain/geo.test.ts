import { destinationPoint, estimatedArrival, etaSeconds, haversineKm, requireLatLng, standInCoordinates, type LatLng } from '../../src/domain/geo';
import { DEPOT, NATIONAL_AREA, SERVICE_AREAS } from '../../src/domain/zones';
import { thrownBy } from './helpers';

// The sphere the module uses (IUGG mean radius), so exact figures can be written as multiples of it.
const R = 6371.0088;

describe('haversine distance', () => {
  it.each<[string, LatLng, LatLng, number]>([
    ['the same point', { lat: 42.81, lng: -73.94 }, { lat: 42.81, lng: -73.94 }, 0],
    ['one degree along a meridian', { lat: 10, lng: 20 }, { lat: 11, lng: 20 }, (2 * Math.PI * R) / 360],
    ['one degree across the antimeridian', { lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 }, (2 * Math.PI * R) / 360],
    ['the equator to a pole', { lat: 0, lng: 0 }, { lat: 90, lng: 0 }, (Math.PI * R) / 2],
    ['antipodes', { lat: 0, lng: 0 }, { lat: 0, lng: 180 }, Math.PI * R],
    ['pole to pole', { lat: 90, lng: 0 }, { lat: -90, lng: 0 }, Math.PI * R],
    // Rosetta Code's haversine task: BNA to LAX is 2887.2599506 km on a 6372.8 km sphere.
    ['Nashville to Los Angeles', { lat: 36.12, lng: -86.67 }, { lat: 33.94, lng: -118.4 }, (2887.2599506 * R) / 6372.8],
  ])('measures %s', (_, a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 2);
    expect(haversineKm(b, a)).toBeCloseTo(km, 2);
  });

  it('puts London 343.5 km from Paris, as atlases do (within 1 km)', () => {
    expect(Math.abs(haversineKm({ lat: 51.5074, lng: -0.1278 }, { lat: 48.8566, lng: 2.3522 }) - 343.5)).toBeLessThan(1);
  });

  it('finds again the distance it walked with destinationPoint', () => {
    for (const bearing of [0, 45, 90, 180, 270, 359]) {
      expect(haversineKm(DEPOT, destinationPoint(DEPOT, bearing, 12.5))).toBeCloseTo(12.5, 6);
    }
  });
});

describe('reported coordinates', () => {
  it.each([
    [90, 0],
    [-90, 0],
    [0, 180],
    [0, -180],
    [90, -180],
    [42.8142, -73.9396],
  ])('accepts lat %p, lng %p', (lat, lng) => {
    expect(requireLatLng(lat, lng)).toEqual({ lat, lng });
  });

  it.each([90.0001, -90.0001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '45', null])('refuses lat %p with BAD_USER_INPUT on lat', (lat) => {
    expect(thrownBy(() => requireLatLng(lat, 0)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lat' });
  });

  it.each([180.0001, -180.0001, 360, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined])('refuses lng %p with BAD_USER_INPUT on lng', (lng) => {
    expect(thrownBy(() => requireLatLng(0, lng)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lng' });
  });

  it('names the argument as the caller calls it', () => {
    expect(thrownBy(() => requireLatLng(91, 0, { lat: 'input.lat', lng: 'input.lng' })).extensions).toMatchObject({ field: 'input.lat' });
  });
});

describe('ETA', () => {
  const destination = destinationPoint(DEPOT, 30, 25);

  it('takes an hour for 25 km once picked up, at 25 km/h', () => {
    expect(etaSeconds({ status: 'IN_TRANSIT', lastPoint: DEPOT, destination })).toBeGreaterThanOrEqual(3600);
    expect(etaSeconds({ status: 'IN_TRANSIT', lastPoint: DEPOT, destination })).toBeLessThanOrEqual(3601);
  });

  it('falls at every step as the courier approaches, and reaches 0 at the door', () => {
    const etas = [25, 20, 12.5, 5, 1, 0.1, 0].map((kmLeft) => etaSeconds({ status: 'IN_TRANSIT', lastPoint: destinationPoint(destination, 210, kmLeft), destination }));
    for (let i = 1; i < etas.length; i++) expect(etas[i]!).toBeLessThan(etas[i - 1]!);
    expect(etas.at(-1)).toBe(0);
  });

  it('adds 10 minutes of handling and the way through the depot before pick-up', () => {
    const fiveKmOut = destinationPoint(DEPOT, 200, 5);
    // 5 km to the depot + 25 km on to the door = 30 km = 72 min, plus 10 min handling.
    const assigned = etaSeconds({ status: 'ASSIGNED', lastPoint: fiveKmOut, destination })!;
    expect(Math.abs(assigned - (72 + 10) * 60)).toBeLessThanOrEqual(1);
    // Before any report the courier is taken to be at the depot.
    const pending = etaSeconds({ status: 'PENDING', lastPoint: null, destination })!;
    expect(Math.abs(pending - (60 + 10) * 60)).toBeLessThanOrEqual(1);
    expect(etaSeconds({ status: 'PICKED_UP', lastPoint: null, destination })).toBeLessThan(pending);
  });

  it('falls as an assigned courier approaches the depot', () => {
    const etas = [10, 5, 1, 0].map((kmOut) => etaSeconds({ status: 'ASSIGNED', lastPoint: destinationPoint(DEPOT, 300, kmOut), destination })!);
    for (let i = 1; i < etas.length; i++) expect(etas[i]).toBeLessThan(etas[i - 1]);
  });

  it('has none once the delivery is over', () => {
    expect(etaSeconds({ status: 'DELIVERED', lastPoint: destination, destination })).toBeNull();
    expect(estimatedArrival({ status: 'FAILED', lastPoint: DEPOT, destination }, new Date())).toBeNull();
  });

  it('gives the arrival as a moment', () => {
    const now = new Date('2026-01-01T12:00:00.000Z');
    const lastPoint = destinationPoint(destination, 0, 12.5); // half an hour away
    const arrival = estimatedArrival({ status: 'IN_TRANSIT', lastPoint, destination }, now)!;
    expect(Math.abs(arrival.getTime() - Date.parse('2026-01-01T12:30:00.000Z'))).toBeLessThanOrEqual(1000);
  });
});

describe('geocoding stand-in', () => {
  const address = { id: 'a7d3f0c2-1b4e-4c8a-9f6d-2e5b7c9a1d30', country: 'US', postalCode: '12345', city: 'Springfield' };

  it('places an address on the same point every time', () => {
    expect(standInCoordinates(address)).toEqual(standInCoordinates({ ...address }));
  });

  it('keeps every address of an area within its radius, and spreads them out', () => {
    const areas = [...SERVICE_AREAS, NATIONAL_AREA];
    const postalCodes = {
      'Schenectady (depot)': '12345',
      'New York, Pennsylvania, Delaware': '14201',
      'Puerto Rico and US Virgin Islands': '00901',
      Hawaii: '96813',
      Alaska: '99501',
      'Contiguous United States': '60601',
    } as Record<string, string>;
    for (const area of areas) {
      const points = Array.from({ length: 200 }, (_, i) => standInCoordinates({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, country: 'US', postalCode: postalCodes[area.name] })!);
      const distances = points.map((point) => haversineKm(area.centroid, point));
      expect(Math.max(...distances)).toBeLessThanOrEqual(area.radiusKm + 0.001);
      // Evenly over the disc: about half the points lie beyond 1/√2 of the radius.
      const outer = distances.filter((d) => d > area.radiusKm / Math.SQRT2).length;
      expect(outer).toBeGreaterThan(60);
      expect(outer).toBeLessThan(140);
    }
  });

  it('places two addresses apart', () => {
    expect(standInCoordinates(address)).not.toEqual(standInCoordinates({ ...address, id: 'b7d3f0c2-1b4e-4c8a-9f6d-2e5b7c9a1d30' }));
  });

  it('has no point where we do not deliver', () => {
    expect(standInCoordinates({ ...address, country: 'FR', postalCode: '75001' })).toBeNull();
  });
});
