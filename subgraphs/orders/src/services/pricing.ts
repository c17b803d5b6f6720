/**
 * The pricing rules of an order, all amounts in minor units of the order's one currency.
 * Prices come from products' `stock.reserved` answer (authoritative), never from the client.
 */
export const PRICING = {
  /** Sales tax: 8% of the subtotal (in basis points, to stay in integers), rounded half up to the minor unit. */
  taxRateBasisPoints: 800,
  /** Flat shipping below the free-shipping threshold: 4.99. */
  shippingFlat: 499,
  /** From this subtotal (50.00) shipping is free. */
  freeShippingFrom: 5000,
} as const;

export interface Totals {
  subtotal: number;
  tax: number;
  shippingCost: number;
  total: number;
}

export const lineTotal = (unitPrice: number, quantity: number) => unitPrice * quantity;

/** Totals of priced lines: subtotal = Σ lines; tax on the subtotal; shipping by threshold. */
export function totals(lines: { unitPrice: number; quantity: number }[]): Totals {
  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line.unitPrice, line.quantity), 0);
  const tax = Math.round((subtotal * PRICING.taxRateBasisPoints) / 10_000);
  const shippingCost = subtotal >= PRICING.freeShippingFrom ? 0 : PRICING.shippingFlat;
  return { subtotal, tax, shippingCost, total: subtotal + tax + shippingCost };
}
