import type { PaymentProvider } from '../provider';
import { SimulatedProvider, type SimulatedLedger } from './simulated';
import { StripeProvider } from './stripe';

/**
 * Which provider moves the money: `PAYMENTS_PROVIDER` = `simulated` (the default) or `stripe`,
 * with `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET`. The subgraph's settings.ts reads the
 * environment and passes the values here.
 */
export type PaymentProviderConfig =
  | { provider: 'simulated'; webhookSecret?: string; ledger?: SimulatedLedger }
  | { provider: 'stripe'; secretKey: string; webhookSecret: string; host?: string; port?: number; protocol?: 'http' | 'https' };

export function createPaymentProvider(config: PaymentProviderConfig): PaymentProvider {
  if (config.provider === 'simulated') return new SimulatedProvider({ webhookSecret: config.webhookSecret, ledger: config.ledger });
  const missing = [!config.secretKey && 'STRIPE_SECRET_KEY', !config.webhookSecret && 'STRIPE_WEBHOOK_SECRET'].filter(Boolean);
  if (missing.length > 0) throw new Error(`PAYMENTS_PROVIDER=stripe needs ${missing.join(' and ')}`);
  return new StripeProvider({ secretKey: config.secretKey, webhookSecret: config.webhookSecret, host: config.host, port: config.port, protocol: config.protocol });
}
