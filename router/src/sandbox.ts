import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxInitialState } from '@supergraph/service-kit';

/**
 * What Apollo Sandbox opens with on the router outside production (production serves no landing
 * page): sandbox.graphql's operations, which run as they are against the embedded default's demo
 * data, and how to authenticate. The Authorization header starts empty, which the router treats as
 * anonymous, so the public catalogue runs before anyone logs in. test/sandbox.test.ts runs each
 * operation through the router.
 */
export const SANDBOX_INITIAL_STATE: SandboxInitialState = {
  document: readFileSync(join(__dirname, 'sandbox.graphql'), 'utf8'),
  headers: { Authorization: '' },
};
