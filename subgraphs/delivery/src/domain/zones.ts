import { badUserInput } from '@supergraph/errors';
import { isUuid } from '@supergraph/service-kit';
import type { LatLng } from './geo';

/**
 * Shipping zones and the quote. Couriers leave from one depot (Schenectady, NY, ZIP 123xx: where
 * the demo's seeded address is), so the zone of an address is how far its ZIP code is from there.
 * All amounts are in minor units of SHIPPING_CURRENCY, the catalogue's currency.
 */

export const ZONE_NAMES = ['LOCAL', 'REGIONAL', 'NATIONAL', 'REMOTE'] as const;
export type Zone = (typeof ZONE_NAMES)[number];

export const SHIPPING_CURRENCY = 'USD';

export interface Money {
  amount: number;
  currency: string;
}

/** Price = base + perStartedKg × every kilogram begun (1 g counts as 1 kg, 1,001 g as 2). */
export const ZONE_PRICES: Readonly<Record<Zone, { base: number; perStartedKg: number }>> = {
  LOCAL: { base: 299, perStartedKg: 50 },
  REGIONAL: { base: 499, perStartedKg: 100 },
  NATIONAL: { base: 799, perStartedKg: 150 },
  // Alaska, Hawaii, Puerto Rico: air freight on top of the courier.
  REMOTE: { base: 1499, perStartedKg: 400 },
};

/** One parcel: at least 1 g, at most 30 kg (what one courier carries by hand). */
export const WEIGHT_LIMITS = { minGrams: 1, maxGrams: 30_000 } as const;

/**
 * A part of the map with one zone, and the centre and radius the geocoding stand-in (geo.ts)
 * scatters its addresses over. `prefixes` are inclusive ranges of the ZIP code's first 3 digits.
 */
export interface ServiceArea {
  name: string;
  zone: Zone;
  prefixes: readonly (readonly [string, string])[];
  centroid: LatLng;
  radiusKm: number;
}

export const DEPOT: LatLng = { lat: 42.8142, lng: -73.9396 };

/**
 * First match wins, so LOCAL comes before the REGIONAL range that contains it. US ZIP codes whose
 * first 3 digits are in none of these areas are NATIONAL, except the UNSERVED prefixes.
 */
export const SERVICE_AREAS: readonly ServiceArea[] = [
  { name: 'Schenectady (depot)', zone: 'LOCAL', prefixes: [['123', '123']], centroid: DEPOT, radiusKm: 15 },
  { name: 'New York, Pennsylvania, Delaware', zone: 'REGIONAL', prefixes: [['100', '199']], centroid: { lat: 41.5, lng: -76.5 }, radiusKm: 200 },
  { name: 'Puerto Rico and US Virgin Islands', zone: 'REMOTE', prefixes: [['006', '009']], centroid: { lat: 18.4655, lng: -66.1057 }, radiusKm: 15 },
  { name: 'Hawaii', zone: 'REMOTE', prefixes: [['967', '968']], centroid: { lat: 21.3069, lng: -157.8583 }, radiusKm: 15 },
  { name: 'Alaska', zone: 'REMOTE', prefixes: [['995', '999']], centroid: { lat: 61.2181, lng: -149.9003 }, radiusKm: 25 },
];

/** The rest of the US: scattered around the geographic centre of the contiguous states. */
export const NATIONAL_AREA: ServiceArea = {
  name: 'Contiguous United States',
  zone: 'NATIONAL',
  prefixes: [['000', '999']],
  centroid: { lat: 39.8283, lng: -98.5795 },
  radiusKm: 1000,
};

/** Military post offices (APO/FPO: AE, AA, AP) and the Pacific islands (969): no courier goes there. */
export const UNSERVED_PREFIXES: readonly (readonly [string, string])[] = [
  ['090', '098'],
  ['340', '340'],
  ['962', '966'],
  ['969', '969'],
];

/** What of an address decides its zone; the users subgraph's Address has these fields. */
export interface ZonedAddress {
  country: string;
  postalCode: string;
  city?: string;
}

// ZIP or ZIP+4 (users keeps the postal code as typed, so the form is checked here).
const US_ZIP = /^(\d{5})(?:-\d{4})?$/;

const inRanges = (prefix: string, ranges: ServiceArea['prefixes']) => ranges.some(([from, to]) => prefix >= from && prefix <= to);

/**
 * The area an address lies in, from its country and the first 3 digits of its ZIP code (the
 * USPS sectional centre), or null when we do not deliver there: outside the US, a postal code
 * that is not a ZIP code, or an unserved prefix. The city is free text and plays no part.
 */
export function areaOf(address: ZonedAddress): ServiceArea | null {
  if (address.country.trim().toUpperCase() !== 'US') return null;
  const zip = US_ZIP.exec(address.postalCode.trim());
  if (!zip) return null;
  const prefix = zip[1].slice(0, 3);
  if (inRanges(prefix, UNSERVED_PREFIXES)) return null;
  return SERVICE_AREAS.find((area) => inRanges(prefix, area.prefixes)) ?? NATIONAL_AREA;
}

export function zoneOf(address: ZonedAddress): Zone | null {
  return areaOf(address)?.zone ?? null;
}

/** The zone of an address the caller chose, or BAD_USER_INPUT on `field` when we do not deliver there. */
export function requireZoneOf(address: ZonedAddress, field = 'input.addressId'): Zone {
  const zone = zoneOf(address);
  if (!zone) throw badUserInput('We do not deliver to this address: only to US ZIP codes, except military and Pacific island post offices', field);
  return zone;
}

export function isZone(value: unknown): value is Zone {
  return typeof value === 'string' && (ZONE_NAMES as readonly string[]).includes(value);
}

export function requireZone(value: unknown, field = 'input.zone'): Zone {
  if (!isZone(value)) throw badUserInput(`zone must be one of ${ZONE_NAMES.join(', ')}`, field);
  return value;
}

export function requireWeightGrams(value: unknown, field = 'input.weightGrams'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < WEIGHT_LIMITS.minGrams || value > WEIGHT_LIMITS.maxGrams) {
    throw badUserInput(`weightGrams must be a whole number from ${WEIGHT_LIMITS.minGrams} to ${WEIGHT_LIMITS.maxGrams}`, field);
  }
  return value;
}

/** The price of sending `weightGrams` to `zone`; both are checked, so a resolver may pass them through. */
export function quote(zone: Zone, weightGrams: number): Money {
  const grams = requireWeightGrams(weightGrams);
  const price = ZONE_PRICES[requireZone(zone)];
  return { amount: price.base + price.perStartedKg * Math.ceil(grams / 1000), currency: SHIPPING_CURRENCY };
}

export interface ShippingQuoteInput {
  addressId?: string | null;
  zone?: string | null;
  weightGrams: number;
}

/**
 * `shippingQuote(input)` names either a saved address (the service looks it up and zones it with
 * `requireZoneOf`) or a zone directly (a price list for a cart without an address yet), never both.
 */
export type ShippingQuoteRequest = { addressId: string; weightGrams: number } | { zone: Zone; weightGrams: number };

export function parseShippingQuoteInput(input: ShippingQuoteInput): ShippingQuoteRequest {
  const hasAddress = input.addressId != null;
  const hasZone = input.zone != null;
  if (hasAddress === hasZone) throw badUserInput('Give either addressId or zone', 'input');
  const weightGrams = requireWeightGrams(input.weightGrams);
  if (hasAddress) {
    if (!isUuid(input.addressId!)) throw badUserInput('addressId is not a valid id', 'input.addressId');
    return { addressId: input.addressId!, weightGrams };
  }
  return { zone: requireZone(input.zone), weightGrams };
}
