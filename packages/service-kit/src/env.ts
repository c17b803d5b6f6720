import { z } from 'zod';
import { isProduction } from './production';

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

/** The secrets every service shares; published in this repository, so refused in production. */
export const DEV_IDENTITY_SECRET = 'dev-identity-secret-change-me-0123456789';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';
const DEV_SECRETS = new Set([DEV_IDENTITY_SECRET, DEV_JWT_SECRET]);

/** A shared secret: required in production (where the dev default is refused too), else the dev default. */
export function secret(name: string, devDefault: string) {
  return z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .optional()
    .transform((v, ctx) => {
      if (!isProduction()) return v || devDefault;
      if (!v) ctx.addIssue({ code: 'custom', message: `${name} is required in production (32+ characters)` });
      else if (DEV_SECRETS.has(v)) ctx.addIssue({ code: 'custom', message: `${name} is the development default published in this repository; set your own` });
      return v ?? z.NEVER;
    });
}

/**
 * `SEED_DEMO_DATA`: the demo accounts (with their published password) and catalogue. Defaults to
 * `defaultOutsideProduction` outside production and to off in production, where asking for it is
 * a start-up error rather than a silently ignored flag.
 */
export function demoDataFlag(defaultOutsideProduction: boolean) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const on = v === undefined || v === '' ? defaultOutsideProduction && !isProduction() : ['1', 'true', 'yes'].includes(v.toLowerCase());
      if (on && isProduction()) {
        ctx.addIssue({ code: 'custom', message: 'SEED_DEMO_DATA is refused in production: the demo accounts share a published password' });
        return z.NEVER;
      }
      return on;
    });
}
