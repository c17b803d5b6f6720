// `npm run compose`: writes schema/supergraph.graphql; exits 1 when composition fails.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph';

const { supergraphSdl, errors, hints } = composeSupergraph();
if (!supergraphSdl) {
  console.error(`Composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
console.log(`wrote ${SUPERGRAPH_PATH}${hints.length ? ` (${hints.length} composition hints)` : ''}`);
