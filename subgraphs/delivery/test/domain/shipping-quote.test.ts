import { parseShippingQuoteInput, quote, requireZoneOf, zoneOf, type Zone } from '../../src/domain/zones';
import { thrownBy } from './helpers';

describe('shipping quote', () => {
  // Expected amounts written out (base + per started kg × kilograms begun), not recomputed from the table.
  it.each<[Zone, number, number]>([
    ['LOCAL', 1, 349],
    ['LOCAL', 1000, 349],
    ['LOCAL', 1001, 399],
    ['LOCAL', 30_000, 1799],
    ['REGIONAL', 1, 599],
    ['REGIONAL', 2500, 799],
    ['REGIONAL', 30_000, 3499],
    ['NATIONAL', 1, 949],
    ['NATIONAL', 1001, 1099],
    ['NATIONAL', 30_000, 5299],
    ['REMOTE', 1, 1899],
    ['REMOTE', 1001, 2299],
    ['REMOTE', 30_000, 13_499],
  ])('prices %s at %i g as %i cents', (zone, grams, amount) => {
    expect(quote(zone, grams)).toEqual({ amount, currency: 'USD' });
  });

  it('costs more for a heavier parcel and for a farther zone', () => {
    expect(quote('LOCAL', 5000).amount).toBeLessThan(quote('LOCAL', 5001).amount);
    const byZone = (['LOCAL', 'REGIONAL', 'NATIONAL', 'REMOTE'] as const).map((zone) => quote(zone, 5000).amount);
    expect([...byZone].sort((a, b) => a - b)).toEqual(byZone);
  });

  it.each([0, -1, 1.5, 30_001, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number])('refuses weightGrams %p with BAD_USER_INPUT on input.weightGrams', (weightGrams) => {
    expect(thrownBy(() => quote('LOCAL', weightGrams)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weightGrams' });
    expect(thrownBy(() => parseShippingQuoteInput({ zone: 'LOCAL', weightGrams })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weightGrams' });
  });

  it.each(['MARS', 'local', '', 'INTERNATIONAL'])('refuses the unknown zone %p with BAD_USER_INPUT on input.zone', (zone) => {
    expect(thrownBy(() => parseShippingQuoteInput({ zone, weightGrams: 500 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.zone' });
    expect(thrownBy(() => quote(zone as Zone, 500)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.zone' });
  });

  it('takes either an address or a zone, never both nor neither', () => {
    const addressId = '6f1c2a4e-8b7d-4e2a-9c1f-0a2b3c4d5e6f';
    expect(parseShippingQuoteInput({ addressId, weightGrams: 500 })).toEqual({ addressId, weightGrams: 500 });
    expect(parseShippingQuoteInput({ zone: 'REMOTE', addressId: null, weightGrams: 500 })).toEqual({ zone: 'REMOTE', weightGrams: 500 });
    expect(thrownBy(() => parseShippingQuoteInput({ addressId, zone: 'LOCAL', weightGrams: 500 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(thrownBy(() => parseShippingQuoteInput({ weightGrams: 500 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(thrownBy(() => parseShippingQuoteInput({ addressId: 'not-an-id', weightGrams: 500 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addressId' });
  });
});

describe('the zone of an address', () => {
  it.each<[string, string, Zone]>([
    ['US', '12345', 'LOCAL'], // the demo's seeded address, by the depot
    ['us', ' 12309-1234 ', 'LOCAL'],
    ['US', '10001', 'REGIONAL'], // New York City
    ['US', '19801', 'REGIONAL'], // Wilmington, DE
    ['US', '12401', 'REGIONAL'], // Kingston, NY: same state, another sectional centre
    ['US', '94103', 'NATIONAL'], // San Francisco
    ['US', '60601', 'NATIONAL'], // Chicago
    ['US', '00901', 'REMOTE'], // San Juan
    ['US', '96813', 'REMOTE'], // Honolulu
    ['US', '99501', 'REMOTE'], // Anchorage
  ])('puts %s %p in %s', (country, postalCode, zone) => {
    expect(zoneOf({ country, postalCode, city: 'Anywhere' })).toBe(zone);
  });

  it.each([
    ['DE', '10115'], // outside the US
    ['US', '09001'], // APO (AE)
    ['US', '34001'], // APO (AA)
    ['US', '96201'], // APO (AP)
    ['US', '96910'], // Guam
    ['US', '1234'],
    ['US', 'ABCDE'],
    ['US', '12345-12'],
  ])('does not deliver to %s %p', (country, postalCode) => {
    expect(zoneOf({ country, postalCode })).toBeNull();
    expect(thrownBy(() => requireZoneOf({ country, postalCode })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addressId' });
  });
});
