import { setTimeout as sleep } from 'node:timers/promises';
import { badUserInput } from '@supergraph/errors';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CartItem } from '../entities/CartItem';
import { CatalogProduct } from '../entities/CatalogProduct';
import { CreditLineView } from '../entities/CreditLineView';
import { CustomerAddress } from '../entities/CustomerAddress';
import { subtotalAndTax } from './pricing';

/**
 * How long checkout waits for an address that users has just announced (the event may still be on
 * its way to orders' read model). Bounded so that a wrong id costs the caller little, and the same
 * for someone else's address as for one that does not exist, so the answer reveals nothing.
 */
export const ADDRESS_WAIT = { totalMs: 2_000, pollMs: 100 } as const;

/**
 * The address an order goes to: the one given, or the customer's default (else their first).
 * Polls orders' read model for a little while before answering BAD_USER_INPUT on addressId.
 */
export async function resolveAddress(dataSource: DataSource, customerId: string, addressId: string | null): Promise<CustomerAddress> {
  const repository = dataSource.getRepository(CustomerAddress);
  const find = () =>
    addressId ? repository.findOneBy({ addressId, userId: customerId }) : repository.findOne({ where: { userId: customerId }, order: { isDefault: 'DESC', createdAt: 'ASC', addressId: 'ASC' } });
  const deadline = Date.now() + ADDRESS_WAIT.totalMs;
  for (;;) {
    const address = await find();
    if (address) return address;
    if (Date.now() >= deadline) break;
    await sleep(ADDRESS_WAIT.pollMs);
  }
  throw addressId ? badUserInput('Unknown address: add it to your account first', 'input.addressId') : badUserInput('Add a delivery address to your account before checking out', 'input.addressId');
}

/** What products assumes when an admin gives no weight (and what the column defaults to). */
const DEFAULT_WEIGHT_GRAMS = 500;

/** The cart's total weight from orders' read model of the catalogue. */
export async function cartWeight(manager: EntityManager, lines: Pick<CartItem, 'productId' | 'quantity'>[]): Promise<{ weightGrams: number; catalogue: Map<string, CatalogProduct> }> {
  const products = await manager.find(CatalogProduct, { where: { productId: In(lines.map((l) => l.productId)) } });
  const catalogue = new Map(products.map((p) => [p.productId, p]));
  // A cart only holds products the read model knows (addToCart checks), so every line has a weight.
  const weightGrams = lines.reduce((sum, line) => sum + (catalogue.get(line.productId)?.weightGrams ?? DEFAULT_WEIGHT_GRAMS) * line.quantity, 0);
  return { weightGrams, catalogue };
}

/**
 * Refuses a credit-line purchase that the customer's line (as payments last announced it) cannot
 * cover: an APPROVED line with `available` ≥ the estimated subtotal + tax at catalogue prices.
 * Shipping is not known yet; payments checks the final total again under a row lock.
 */
export async function requireCredit(manager: EntityManager, customerId: string, lines: Pick<CartItem, 'productId' | 'quantity'>[], catalogue: Map<string, CatalogProduct>) {
  const line = await manager.findOneBy(CreditLineView, { customerId });
  if (!line || line.status !== 'APPROVED') throw badUserInput('You have no approved credit line: apply for credit or pay by card', 'input.paymentMethod');
  const priced = lines.map((l) => ({ quantity: l.quantity, unitPrice: catalogue.get(l.productId)?.priceAmount ?? 0 }));
  const currencies = new Set(lines.map((l) => catalogue.get(l.productId)?.priceCurrency ?? line.currency));
  const { subtotal, tax } = subtotalAndTax(priced);
  if (currencies.size !== 1 || !currencies.has(line.currency) || line.available < subtotal + tax) {
    throw badUserInput('Not enough available credit for this order', 'input.paymentMethod', { available: { amount: line.available, currency: line.currency } });
  }
}
