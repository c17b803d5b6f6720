import { z } from 'zod';

/** What backups reads from its environment, validated once at start. */
export const settingsSchema = z
  .object({
    /** How often the checker looks for late agents (and purges expired jobs); 0 turns it off on this instance. */
    BACKUPS_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    /** Agents per checker transaction. */
    BACKUPS_CHECK_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  })
  .transform((env) => ({ checkIntervalMs: env.BACKUPS_CHECK_INTERVAL_MS, checkBatchSize: env.BACKUPS_CHECK_BATCH_SIZE }));

export type BackupsSettings = z.output<typeof settingsSchema>;
