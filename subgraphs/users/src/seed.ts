import type { Role } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { Address } from './entities/Address';
import { User } from './entities/User';
import { hashPassword } from './services/passwords';

/** The demo password of docs/api-conventions.md. Seeded only by the embedded default, never in production. */
export const DEMO_PASSWORD = 'Demo-Password-1';

/**
 * Demo accounts with fixed ids, so other subgraphs' demo data (reviews, orders) can refer to them.
 */
export const DEMO_ACCOUNTS: { id: string; email: string; name: string; roles: Role[] }[] = [
  { id: '00000000-0000-4000-8000-000000000001', email: 'admin@example.com', name: 'Ada Admin', roles: ['ADMIN'] },
  { id: '00000000-0000-4000-8000-000000000002', email: 'customer@example.com', name: 'Casey Customer', roles: ['CUSTOMER'] },
  { id: '00000000-0000-4000-8000-000000000003', email: 'courier@example.com', name: 'Cody Courier', roles: ['COURIER'] },
  { id: '00000000-0000-4000-8000-000000000004', email: 'operator@example.com', name: 'Olive Operator', roles: ['OPERATOR'] },
  { id: '00000000-0000-4000-8000-000000000005', email: 'partner@example.com', name: 'Parker Partner', roles: ['PARTNER'] },
  { id: '00000000-0000-4000-8000-000000000006', email: 'courier2@example.com', name: 'Kim Courier', roles: ['COURIER'] },
  { id: '00000000-0000-4000-8000-000000000007', email: 'courier3@example.com', name: 'Lee Courier', roles: ['COURIER'] },
  { id: '00000000-0000-4000-8000-000000000008', email: 'alice@example.com', name: 'Alice Example', roles: ['CUSTOMER'] },
  { id: '00000000-0000-4000-8000-000000000009', email: 'bob@example.com', name: 'Bob Example', roles: ['CUSTOMER'] },
];

export async function seedDemoAccounts(runtime: SubgraphRuntime) {
  const repository = runtime.dataSource.getRepository(User);
  if (await repository.exists({ where: { id: DEMO_ACCOUNTS[0].id } })) return;
  for (const account of DEMO_ACCOUNTS) {
    await repository.insert({ ...account, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
  await runtime.dataSource.getRepository(Address).insert({
    userId: DEMO_ACCOUNTS[1].id,
    label: 'Home',
    line1: '1 Market Street',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
    isDefault: true,
  });
  runtime.logger.info('seeded demo accounts', { count: DEMO_ACCOUNTS.length });
}
