import { queryRows } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { checkRefund, type SimulatedCharge, type SimulatedLedger } from '../domain/providers/simulated';
import type { RefundRequest, RefundResult } from '../domain/provider';

interface ChargeRow {
  idempotency_key: string;
  charge_ref: string;
  amount: number;
  currency: string;
  status: 'captured' | 'declined';
  reason: string | null;
  refunded: number;
}

const toCharge = (row: ChargeRow): SimulatedCharge => ({
  idempotencyKey: row.idempotency_key,
  chargeRef: row.charge_ref,
  amount: row.amount,
  currency: row.currency,
  status: row.status,
  reason: row.reason,
  refunded: row.refunded,
});

/**
 * The simulated provider's books in payments' database, written on the data source itself (its
 * own autocommitted statements), never in the caller's transaction: the "provider" has charged
 * even if payments then dies before committing, exactly as with a real one.
 */
export class DatabaseLedger implements SimulatedLedger {
  constructor(private readonly dataSource: DataSource) {}

  async find(idempotencyKey: string) {
    const [row] = await this.dataSource.query<ChargeRow[]>('SELECT * FROM simulated_charge WHERE idempotency_key = $1', [idempotencyKey]);
    return row ? toCharge(row) : null;
  }

  async insert(charge: SimulatedCharge) {
    await this.dataSource.query(
      `INSERT INTO simulated_charge (idempotency_key, charge_ref, amount, currency, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
      [charge.idempotencyKey, charge.chargeRef, charge.amount, charge.currency, charge.status, charge.reason],
    );
    return (await this.find(charge.idempotencyKey))!;
  }

  async countAttempt(idempotencyKey: string) {
    const [row] = await queryRows<{ attempts: number }>(
      this.dataSource,
      `INSERT INTO simulated_attempt (idempotency_key, attempts) VALUES ($1, 1)
       ON CONFLICT (idempotency_key) DO UPDATE SET attempts = simulated_attempt.attempts + 1 RETURNING attempts`,
      [idempotencyKey],
    );
    return row.attempts;
  }

  async refund(request: RefundRequest, refundRef: string): Promise<RefundResult> {
    return this.dataSource.transaction(async (manager) => {
      const [replay] = await manager.query<{ refund_ref: string; amount: number }[]>('SELECT refund_ref, amount FROM simulated_refund WHERE idempotency_key = $1', [request.idempotencyKey]);
      if (replay) return { refundRef: replay.refund_ref, amount: replay.amount };
      const [row] = await manager.query<ChargeRow[]>('SELECT * FROM simulated_charge WHERE charge_ref = $1 FOR UPDATE', [request.chargeRef]);
      checkRefund(row ? toCharge(row) : null, request);
      await manager.query('UPDATE simulated_charge SET refunded = refunded + $2 WHERE charge_ref = $1', [request.chargeRef, request.amount]);
      await manager.query('INSERT INTO simulated_refund (idempotency_key, refund_ref, charge_ref, amount) VALUES ($1, $2, $3, $4)', [
        request.idempotencyKey,
        refundRef,
        request.chargeRef,
        request.amount,
      ]);
      return { refundRef, amount: request.amount };
    });
  }
}
