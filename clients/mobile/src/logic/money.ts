/** GraphQL `Money`: an amount in minor units and its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** "$12.50"; the currency's own number of decimals, in the device's locale. */
export function formatMoney({ amount, currency }: Money, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
