import { z } from 'zod';

/** Messaging's own settings, from the environment (README's table). */
export const messagingSettings = z.object({
  /** How long a `heartbeat` keeps its status without another (default 60 s). */
  PRESENCE_HEARTBEAT_TTL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** How often lapsed connections and heartbeats are swept to OFFLINE (default 1 s). */
  PRESENCE_SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export type MessagingSettings = z.infer<typeof messagingSettings>;
