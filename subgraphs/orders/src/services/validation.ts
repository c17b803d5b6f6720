import { badUserInput } from '@supergraph/errors';
import { decodeCursor, isUuid } from '@supergraph/service-kit';
import type { PaymentMethod } from '../entities/Order';

/** A cart line holds 1 to 100 units; a cart holds up to 50 lines. */
export const CART_LIMITS = { maxQuantityPerLine: 100, maxLines: 50 } as const;

export function requireProductId(productId: string): string {
  if (!isUuid(productId)) throw badUserInput('productId is not a valid id', 'productId');
  return productId;
}

/** `min` is 1 when adding (0 would add nothing), 0 when setting a line (0 removes it). */
export function requireQuantity(quantity: number, min: 0 | 1): number {
  if (!Number.isInteger(quantity) || quantity < min || quantity > CART_LIMITS.maxQuantityPerLine) {
    throw badUserInput(`quantity must be ${min} to ${CART_LIMITS.maxQuantityPerLine}`, 'quantity');
  }
  return quantity;
}

export interface CheckoutInput {
  idempotencyKey: string;
  addressId?: string | null;
  paymentMethod?: PaymentMethod | null;
  cardToken?: string | null;
  installments?: number | null;
}

/** How the customer chose to pay, exactly as `orders.order.confirmed` will tell payments. */
export type PaymentChoice = { method: 'CARD'; cardToken: string } | { method: 'CREDIT_LINE'; installments: 3 | 6 | 12 };

export interface CheckoutRequest {
  idempotencyKey: string;
  addressId: string | null;
  /** Null: no payment choice, the order will wait CONFIRMED. */
  payment: PaymentChoice | null;
}

const INSTALLMENT_PLANS = [3, 6, 12] as const;
const isPlan = (n: number): n is 3 | 6 | 12 => (INSTALLMENT_PLANS as readonly number[]).includes(n);

/**
 * Checks a checkout's shape before anything is read or written. A CARD payment needs the
 * provider's token (kept only until payments has it); a CREDIT_LINE one a plan of 3, 6 or 12.
 */
export function parseCheckout(input: CheckoutInput): CheckoutRequest {
  const key = input.idempotencyKey;
  if (typeof key !== 'string' || key.length < 8 || key.length > 100) throw badUserInput('idempotencyKey must be 8 to 100 characters', 'input.idempotencyKey');
  if (input.addressId != null && !isUuid(input.addressId)) throw badUserInput('addressId is not a valid id', 'input.addressId');
  const method = input.paymentMethod ?? null;
  const installments = input.installments ?? null;
  if (installments !== null && method !== 'CREDIT_LINE') throw badUserInput('installments are only for the CREDIT_LINE payment method', 'input.installments');
  let payment: PaymentChoice | null = null;
  if (method === 'CARD') {
    const cardToken = input.cardToken?.trim() ?? '';
    if (cardToken.length === 0) throw badUserInput('cardToken is required to pay by card', 'input.cardToken');
    if (cardToken.length > 200) throw badUserInput('cardToken must be at most 200 characters', 'input.cardToken');
    payment = { method, cardToken };
  } else if (method === 'CREDIT_LINE') {
    if (installments === null || !isPlan(installments)) throw badUserInput('installments must be 3, 6 or 12', 'input.installments');
    payment = { method, installments };
  }
  return { idempotencyKey: key, addressId: input.addressId ?? null, payment };
}

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Order cursors carry `created_at` to the microsecond (as PostgreSQL keeps it) and the id. */
export function decodeOrderCursor(cursor: string, field = 'after'): { createdAt: string; id: string } {
  const [createdAt, id] = decodeCursor(cursor, field);
  if (typeof createdAt !== 'string' || !CURSOR_INSTANT.test(createdAt)) throw badUserInput('Cursor is not valid', field);
  return { createdAt, id };
}
