import { createPaymentProvider } from '../../src/domain/providers';
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
});
