import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { CreditLine } from './entities/CreditLine';
import { Installment } from './entities/Installment';
import { InstallmentPlan } from './entities/InstallmentPlan';
import { Payment } from './entities/Payment';
import { Refund } from './entities/Refund';
import { CreatePayments1796184448986 } from './migrations/1796184448986-CreatePayments';
import { resolvers } from './resolvers';
import { seedDemoCreditLine } from './seed';
import { afterPaymentsEvent, paymentConsumers } from './services/consumers';
import { engineFor } from './services/engine';
import { webhookRoute } from './services/webhooks';
import { settingsSchema } from './settings';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** Payments of confirmed orders (card or credit line), refunds, credit lines and instalments. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'payments',
  typeDefs,
  resolvers,
  entities: [Payment, Refund, CreditLine, InstallmentPlan, Installment],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreatePayments1796184448986],
  settings: settingsSchema,
  createContext,
  consumers: paymentConsumers,
  afterEvent: afterPaymentsEvent,
  // Providers call this directly, not through the router.
  routes: (runtime, settings) => ({ '/webhooks/payments': webhookRoute(engineFor(runtime, settings)) }),
  background: (runtime, settings) => {
    const engine = engineFor(runtime, settings);
    engine.start();
    return engine;
  },
  seed: seedDemoCreditLine,
});
