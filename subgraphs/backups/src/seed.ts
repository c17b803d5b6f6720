import { randomUUID } from 'node:crypto';
import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import { newAgentKey } from './domain/agentKey';
import { nextCheckAt } from './domain/health';
import { BackupAgent } from './entities/BackupAgent';
import { BackupJob } from './entities/BackupJob';
import { BackupPolicy } from './entities/BackupPolicy';

/** customer@example.com: users' seed gives the demo accounts fixed ids. */
export const DEMO_OWNER_ID = '00000000-0000-4000-8000-000000000002';

export const DEMO_POLICY = { id: '00000000-0000-4000-8000-00000000b001', name: 'Hourly, kept 30 days', expectedIntervalMinutes: 60, retentionDays: 30 };

/** One agent that backs up on time, one whose last success is two days old (the checker flags it CRITICAL at start). */
export const DEMO_AGENTS = {
  healthy: { id: '00000000-0000-4000-8000-00000000b101', hostname: 'files.example.com', os: 'Ubuntu 24.04', lastSuccessHoursAgo: 0.5 },
  late: { id: '00000000-0000-4000-8000-00000000b102', hostname: 'legacy-db.example.com', os: 'Windows Server 2019', lastSuccessHoursAgo: 48 },
};

const HOUR_MS = 3_600_000;

/**
 * Demo data for the embedded default; idempotent (written once, in one transaction). The agents'
 * keys are minted and thrown away: the owner rotates one (`rotateBackupAgentKey`) to play an agent.
 */
export async function seedDemoBackups(runtime: SubgraphRuntime) {
  await inTransaction(runtime.dataSource, async (manager) => {
    if (await manager.existsBy(BackupPolicy, { id: DEMO_POLICY.id })) return;
    const now = Date.now();
    await manager.insert(BackupPolicy, { ...DEMO_POLICY, ownerId: DEMO_OWNER_ID, createdAt: new Date(now - 30 * 24 * HOUR_MS) });
    for (const demo of Object.values(DEMO_AGENTS)) {
      const key = newAgentKey(demo.id);
      const lastSuccess = new Date(now - demo.lastSuccessHoursAgo * HOUR_MS);
      await manager.insert(BackupAgent, {
        id: demo.id,
        ownerId: DEMO_OWNER_ID,
        policyId: DEMO_POLICY.id,
        hostname: demo.hostname,
        os: demo.os,
        keyHash: key.hash,
        keyPrefix: key.prefix,
        health: 'HEALTHY',
        lastSeenAt: lastSuccess,
        lastSuccessAt: lastSuccess,
        // The late one is due at once: the checker's first pass flags it.
        nextCheckAt: nextCheckAt('HEALTHY', lastSuccess, DEMO_POLICY.expectedIntervalMinutes),
        createdAt: new Date(now - 10 * 24 * HOUR_MS),
      });
      // Hourly history up to the last success, one failure in twelve.
      const jobs = Array.from({ length: 24 }, (_, i) => {
        const startedAt = new Date(lastSuccess.getTime() - (i * HOUR_MS + 10 * 60_000));
        const failed = i % 12 === 5;
        return manager.create(BackupJob, {
          id: randomUUID(),
          agentId: demo.id,
          status: failed ? 'FAILED' : 'SUCCEEDED',
          startedAt,
          finishedAt: new Date(startedAt.getTime() + 10 * 60_000),
          sizeBytes: failed ? null : String(5_368_709_120 + i * 1_048_576),
          fileCount: failed ? null : 120_000 + i,
          error: failed ? 'disk full on the target volume' : null,
          reportedAt: new Date(startedAt.getTime() + 10 * 60_000),
        });
      });
      await manager.insert(BackupJob, jobs);
    }
  });
}
