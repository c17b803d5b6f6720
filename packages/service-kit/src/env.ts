import { z } from 'zod';

/**
 * Parses `source` (normally `process.env`) with `schema` once, at start-up.
 * On failure it reports every problem at once and throws, so a bad deploy fails loudly.
 */
export function parseEnv<T extends z.ZodTypeAny>(schema: T, source: Record<string, string | undefined> = process.env): z.infer<T> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Env flags: "1", "true", "yes" are true. */
export const booleanFlag = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ['1', 'true', 'yes'].includes(v.toLowerCase()));

/** The secrets every service shares; dev defaults are refused in production. */
export const DEV_IDENTITY_SECRET = 'dev-identity-secret-change-me-0123456789';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';

export function secret(name: string, devDefault: string) {
  return z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .optional()
    .transform((v, ctx) => {
      if (v) return v;
      if (process.env.NODE_ENV === 'production') {
        ctx.addIssue({ code: 'custom', message: `${name} is required in production` });
        return z.NEVER;
      }
      return devDefault;
    });
}
