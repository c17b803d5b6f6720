/**
 * The pricing rules of an order, all amounts in minor units of the order's one currency.
 * Prices come from products' `stock.reserved` answer and shipping from delivery's quote (both
 * authoritative), never from the client.
 */
export const PRICING = {
  /** Sales tax: 8% of the subtotal (in basis points, to stay in integers), rounded half up to the minor unit. */
  taxRateBasisPoints: 800,
} as const;

export interface Totals {
  subtotal: number;
  tax: number;
  shippingCost: number;
  total: number;
}

export const lineTotal = (unitPrice: number, quantity: number) => unitPrice * quantity;

/** Subtotal = Σ lines; tax on the subtotal. */
export function subtotalAndTax(lines: { unitPrice: number; quantity: number }[]): { subtotal: number; tax: number } {
  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line.unitPrice, line.quantity), 0);
  return { subtotal, tax: Math.round((subtotal * PRICING.taxRateBasisPoints) / 10_000) };
}

/** Totals of priced lines with delivery's shipping quote. */
export function totals(lines: { unitPrice: number; quantity: number }[], shippingCost: number): Totals {
  const { subtotal, tax } = subtotalAndTax(lines);
  return { subtotal, tax, shippingCost, total: subtotal + tax + shippingCost };
}
