import { createHash } from 'node:crypto';
import { badUserInput } from '@supergraph/errors';
import type { DeliveryStatus } from './stateMachine';
import { DEPOT, areaOf, type ZonedAddress } from './zones';

/** Degrees, WGS 84 as GPS reports them. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** The IUGG mean Earth radius: the sphere that best fits the ellipsoid (within 0.5% everywhere). */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance in km. The haversine form stays accurate for short hops, where most tracking happens. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points; asin would then be NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distanceKm` from `from` along the initial bearing `bearingDegrees` (0 = north, 90 = east). */
export function destinationPoint(from: LatLng, bearingDegrees: number, distanceKm: number): LatLng {
  const angular = distanceKm / EARTH_RADIUS_KM;
  const bearing = rad(bearingDegrees);
  const lat1 = rad(from.lat);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing));
  const lng2 = rad(from.lng) + Math.atan2(Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2));
  // Back into [-180, 180).
  const lng = ((((deg(lng2) + 180) % 360) + 360) % 360) - 180;
  return { lat: deg(lat2), lng };
}

/**
 * A reported position, or BAD_USER_INPUT naming the bad coordinate. Both poles and both sides of
 * the antimeridian (±180) are real places; NaN and ±Infinity are not (JSON cannot carry them, but
 * a resolver may be called from code).
 */
export function requireLatLng(lat: unknown, lng: unknown, fields: { lat: string; lng: string } = { lat: 'lat', lng: 'lng' }): LatLng {
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) throw badUserInput('lat must be a number from -90 to 90', fields.lat);
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) throw badUserInput('lng must be a number from -180 to 180', fields.lng);
  return { lat, lng };
}

/**
 * STAND-IN for a geocoder: addresses carry no coordinates, so an address is placed at its service
 * area's centre (zones.ts) plus an offset drawn from a SHA-256 of its id: a bearing and a distance
 * within the area's radius (the square root spreads points evenly over the disc rather than
 * bunching them at the centre). The same address always lands on the same point, on every
 * instance and after every restart, and different addresses of one area spread out, so distances
 * and ETAs behave plausibly in demos and tests. Replace with a real geocoder (and store its
 * answer with the delivery) before couriers rely on it. Null where we do not deliver.
 */
export function standInCoordinates(address: ZonedAddress & { id: string }): LatLng | null {
  const area = areaOf(address);
  if (!area) return null;
  const hash = createHash('sha256').update(address.id).digest();
  const bearing = (hash.readUInt32BE(0) / 2 ** 32) * 360;
  const distance = Math.sqrt(hash.readUInt32BE(4) / 2 ** 32) * area.radiusKm;
  const point = destinationPoint(area.centroid, bearing, distance);
  // Six decimals is 0.1 m: more would only be noise in what we store and show.
  return { lat: round6(point.lat), lng: round6(point.lng) };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The ETA model. Couriers average 25 km/h in a city, stops and traffic included (a common figure
 * for urban delivery vans and cargo bikes alike), applied to the straight-line distance: there is
 * no road network here, and the low speed already absorbs detours. Before pick-up the parcel is
 * still at the depot, so the route runs through it, plus a fixed 10 minutes to hand over and load.
 */
export const ETA_MODEL = { speedKmh: 25, handlingSeconds: 10 * 60 } as const;

export interface EtaInput {
  status: DeliveryStatus;
  /** The courier's last reported point; null before the first report (then the courier is taken to be at the depot). */
  lastPoint: LatLng | null;
  destination: LatLng;
}

/** Seconds until the parcel arrives, rounded up; null once the delivery is over (DELIVERED or FAILED). */
export function etaSeconds({ status, lastPoint, destination }: EtaInput): number | null {
  if (status === 'DELIVERED' || status === 'FAILED') return null;
  const here = lastPoint ?? DEPOT;
  const pickedUp = status === 'PICKED_UP' || status === 'IN_TRANSIT';
  const distanceKm = pickedUp ? haversineKm(here, destination) : haversineKm(here, DEPOT) + haversineKm(DEPOT, destination);
  const travelSeconds = (distanceKm / ETA_MODEL.speedKmh) * 3600;
  return Math.ceil(travelSeconds + (pickedUp ? 0 : ETA_MODEL.handlingSeconds));
}

/** `Delivery.eta`: the moment `etaSeconds` from `now`. */
export function estimatedArrival(input: EtaInput, now: Date): Date | null {
  const seconds = etaSeconds(input);
  return seconds === null ? null : new Date(now.getTime() + seconds * 1000);
}
