import { apiKeyMatches, mintApiKey, parseApiKey } from '../src/apiKeys';

describe('API keys', () => {
  it('names their issuer and id, and are checked against the stored hash only', () => {
    const agent = mintApiKey('sgb');
    expect(agent.secret).toMatch(/^sgb_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(agent.secretHash).not.toContain(agent.secret.slice(37));
    expect(parseApiKey(agent.secret)).toEqual({ prefix: 'sgb', issuer: 'backups', id: agent.id });
    expect(parseApiKey(mintApiKey('sgt').secret)?.issuer).toBe('telemetry');
    expect(apiKeyMatches(agent.secret, agent.secretHash)).toBe(true);
    expect(apiKeyMatches(mintApiKey('sgb', agent.id).secret, agent.secretHash)).toBe(false);
  });

  it('refuses secrets of another shape or an unknown issuer', () => {
    const { secret } = mintApiKey('sgk');
    expect(parseApiKey(secret.replace(/^sgk/, 'sgz'))).toBeNull();
    expect(parseApiKey(`${secret}x`)).toBeNull();
    expect(parseApiKey('sk_live_123')).toBeNull();
    expect(apiKeyMatches(secret, 'not-hex')).toBe(false);
  });
});
