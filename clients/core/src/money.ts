/** Minor units as the currency's usual text ("$12.50"). */
export function formatMoney(money: { amount: number; currency: string } | null | undefined, locale?: string): string {
  if (!money) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount / 100);
}
