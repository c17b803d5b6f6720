import { z } from 'zod';
import { isProduction } from '@supergraph/service-kit';

/**
 * What payments reads from its environment (its own process or the embedded default), validated
 * once at start. Stripe's host, port and protocol exist for a local stand-in of its API in tests.
 */
export const settingsSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    /** Defaults to the simulated provider, except in production, where the operator must choose. */
    PAYMENTS_PROVIDER: z.enum(['simulated', 'stripe']).optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_API_HOST: z.string().optional(),
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
    /** How often the worker looks for due payments; 0 turns it off (an instance that only serves the API and webhooks). */
    PAYMENTS_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
    /** How long one provider call may take before it counts as a timeout (then `findCharge` decides). */
    PAYMENTS_CHARGE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** How often the overdue-installment job runs. */
    PAYMENTS_OVERDUE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /**
     * Test hooks only, refused in production, between the provider's answer and the commit of the
     * payment: `crash-after-charge` stops the worker there (in-process tests); `kill-after-charge`
     * sends the process SIGKILL there (a real crash, for the multi-process test).
     */
    PAYMENTS_TEST_FAULT: z.enum(['crash-after-charge', 'kill-after-charge']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.PAYMENTS_TEST_FAULT && isProduction({ NODE_ENV: env.NODE_ENV })) {
      ctx.addIssue({ code: 'custom', path: ['PAYMENTS_TEST_FAULT'], message: 'is a test hook and is refused in production' });
    }
    if (!env.PAYMENTS_PROVIDER && isProduction({ NODE_ENV: env.NODE_ENV })) {
      ctx.addIssue({ code: 'custom', path: ['PAYMENTS_PROVIDER'], message: 'is required in production: stripe, or simulated for a staging copy' });
    }
    if (env.PAYMENTS_PROVIDER === 'stripe') {
      for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with PAYMENTS_PROVIDER=stripe' });
      }
    }
  })
  .transform((env) => ({
    provider: env.PAYMENTS_PROVIDER ?? 'simulated',
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY ?? '',
      webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
      host: env.STRIPE_API_HOST,
      port: env.STRIPE_API_PORT,
      protocol: env.STRIPE_API_PROTOCOL,
    },
    /** The simulated provider signs its webhooks with Stripe's scheme and this secret. */
    simulatedWebhookSecret: env.STRIPE_WEBHOOK_SECRET || 'whsec_simulated',
    workerIntervalMs: env.PAYMENTS_WORKER_INTERVAL_MS,
    chargeTimeoutMs: env.PAYMENTS_CHARGE_TIMEOUT_MS,
    overdueIntervalMs: env.PAYMENTS_OVERDUE_INTERVAL_MS,
    testFault: env.PAYMENTS_TEST_FAULT ?? null,
  }));

export type PaymentsSettings = z.output<typeof settingsSchema>;
