/** Tax rate in basis points (8%). */
export const TAX_RATE_BPS = 800;
/** Flat shipping, in minor units, below the free-shipping threshold. */
export const SHIPPING_FLAT = 499;
export const FREE_SHIPPING_FROM = 5000;

export interface Totals {
  subtotal: number;
  tax: number;
  shippingCost: number;
  total: number;
}

/** Totals of an order from its priced lines (all in one currency). Tax is rounded half up to the minor unit. */
export function totals(lines: { unitPrice: number; quantity: number }[]): Totals {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const tax = Math.round((subtotal * TAX_RATE_BPS) / 10_000);
  const shippingCost = subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FLAT;
  return { subtotal, tax, shippingCost, total: subtotal + tax + shippingCost };
}
