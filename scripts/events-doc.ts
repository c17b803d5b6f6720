// Rewrites the generated topics table of docs/events.md from packages/contracts
// (`npm run docs:events`); packages/contracts/test/events-doc.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTopicsTable } from '@supergraph/contracts';

const path = join(__dirname, '..', 'docs', 'events.md');
const before = readFileSync(path, 'utf8');
const after = withTopicsTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'docs/events.md is up to date' : 'docs/events.md rewritten');
