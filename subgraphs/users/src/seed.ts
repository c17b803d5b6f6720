import type { Role } from '@supergraph/auth';
import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import { Address } from './entities/Address';
import { User } from './entities/User';
import { announceAddress, announceUser } from './services/announcements';
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

/** The demo customers' default addresses (US, 5-digit ZIP: a zone delivery ships to). */
const DEMO_ADDRESSES: { userId: string; label: string; line1: string; city: string; postalCode: string }[] = [
  { userId: DEMO_ACCOUNTS[1].id, label: 'Home', line1: '1 Market Street', city: 'Springfield', postalCode: '12345' },
  { userId: DEMO_ACCOUNTS[7].id, label: 'Home', line1: '22 Elm Avenue', city: 'Springfield', postalCode: '12345' },
  { userId: DEMO_ACCOUNTS[8].id, label: 'Home', line1: '7 Harbor Road', city: 'Portland', postalCode: '97201' },
];

/**
 * Every demo account and the customers' addresses, announced in the same transaction so that
 * delivery learns the couriers and orders the addresses, exactly as if they had been registered.
 */
export async function seedDemoAccounts(runtime: SubgraphRuntime) {
  if (await runtime.dataSource.getRepository(User).exists({ where: { id: DEMO_ACCOUNTS[0].id } })) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(runtime.dataSource, async (manager) => {
    for (const account of DEMO_ACCOUNTS) {
      await manager.insert(User, { ...account, passwordHash });
      await announceUser(runtime, manager, account);
    }
    for (const address of DEMO_ADDRESSES) {
      const saved = await manager.save(manager.create(Address, { ...address, country: 'US', isDefault: true }));
      await announceAddress(runtime, manager, saved);
    }
  });
  runtime.eventsCommitted();
  runtime.logger.info('seeded demo accounts', { count: DEMO_ACCOUNTS.length });
}
