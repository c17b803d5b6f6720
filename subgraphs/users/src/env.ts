import { z } from 'zod';
import { parseEnv } from '@supergraph/service-kit';

/** What the users subgraph reads besides every subgraph's environment (service-kit's readSubgraphEnv). */
const usersEnvSchema = z.object({
  /** Lifetime of an access token; refresh tokens renew it. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .positive('must be more than 0')
    .default(900),
});

export const USERS_ENV_KEYS = Object.keys(usersEnvSchema.shape);

/** Parsed once at start-up: bad input stops the process with every problem listed. */
export function readUsersEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(usersEnvSchema, source);
}
