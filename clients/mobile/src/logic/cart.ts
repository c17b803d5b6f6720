/** GraphQL `Money`: minor units and an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** One cart line as the cart query selects it. */
export interface CartLine {
  quantity: number;
  product: { id: string; price: Money };
}

export interface CartTotals {
  itemCount: number;
  subtotal: Money;
  /** Sales tax as orders will charge it: 8% of the subtotal, rounded half up to the minor unit. */
  tax: Money;
  /** Subtotal + tax; shipping is quoted by delivery after checkout and added to the order's total. */
  totalBeforeShipping: Money;
}

/** Mirrors orders' pricing (subgraphs/orders/src/services/pricing.ts); the cart has no totals of its own. */
export const TAX_RATE_BASIS_POINTS = 800;

/** Null for an empty cart. Lines in several currencies cannot be added up: that is an error. */
export function cartTotals(lines: readonly CartLine[]): CartTotals | null {
  if (!lines.length) return null;
  const currency = lines[0].product.price.currency;
  if (lines.some((line) => line.product.price.currency !== currency)) throw new Error('the cart mixes currencies');
  const subtotal = lines.reduce((sum, line) => sum + line.product.price.amount * line.quantity, 0);
  const tax = Math.round((subtotal * TAX_RATE_BASIS_POINTS) / 10_000);
  return {
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: { amount: subtotal, currency },
    tax: { amount: tax, currency },
    totalBeforeShipping: { amount: subtotal + tax, currency },
  };
}
