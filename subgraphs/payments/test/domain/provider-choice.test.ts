import { createPaymentProvider } from '../../src/domain/providers';
import { settingsSchema } from '../../src/settings';
import { SimulatedProvider } from '../../src/domain/providers/simulated';
import { StripeProvider } from '../../src/domain/providers/stripe';

describe('choosing the payment provider', () => {
  it('uses the simulated provider by default and Stripe when configured with both secrets', () => {
    expect(createPaymentProvider({ provider: 'simulated' })).toBeInstanceOf(SimulatedProvider);
    expect(createPaymentProvider({ provider: 'stripe', secretKey: 'sk_test_x', webhookSecret: 'whsec_x' })).toBeInstanceOf(StripeProvider);
  });

  it('refuses PAYMENTS_PROVIDER=stripe without its secrets, naming each missing variable', () => {
    expect(() => createPaymentProvider({ provider: 'stripe', secretKey: '', webhookSecret: '' })).toThrow('PAYMENTS_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
    expect(() => createPaymentProvider({ provider: 'stripe', secretKey: 'sk_test_x', webhookSecret: '' })).toThrow('PAYMENTS_PROVIDER=stripe needs STRIPE_WEBHOOK_SECRET');
  });

  it('has no default in production: the operator chooses Stripe, or the simulated provider for a staging copy', () => {
    expect(settingsSchema.parse({}).provider).toBe('simulated');
    const refused = settingsSchema.safeParse({ NODE_ENV: 'production' });
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['PAYMENTS_PROVIDER'], message: expect.stringContaining('required in production') })]);
    expect(settingsSchema.parse({ NODE_ENV: 'production', PAYMENTS_PROVIDER: 'simulated' }).provider).toBe('simulated');
  });
});
