export * from './viewer';
export * from './identityHeaders';
export * from './accessToken';
export * from './apiKeys';
