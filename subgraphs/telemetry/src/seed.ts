import type { SubgraphRuntime } from '@supergraph/service-kit';
import { Device } from './entities/Device';

/** Fixed ids, so that a restart (the seed runs at every start of the embedded default) adds nothing twice. */
export const DEMO_DEVICES = [
  { id: '00000000-0000-4000-8000-000000000001', name: 'First device', createdAt: new Date('2026-01-01T00:00:00Z') },
  { id: '00000000-0000-4000-8000-000000000002', name: 'Second device', createdAt: new Date('2026-01-02T00:00:00Z') },
];

/** Demo data for the embedded default; idempotent. */
export async function seedDevice(runtime: SubgraphRuntime) {
  await runtime.dataSource.createQueryBuilder().insert().into(Device).values(DEMO_DEVICES).orIgnore().execute();
}
