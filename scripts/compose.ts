// `npm run compose`: writes schema/supergraph.graphql and docker-compose.yml from
// schema/subgraphs.json; exits 1 when composition fails.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerCompose } from './docker-compose';
import { composeSupergraph, ROOT, subgraphList, SUPERGRAPH_PATH } from './supergraph';

const { supergraphSdl, errors, hints } = composeSupergraph();
if (!supergraphSdl) {
  console.error(`Composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
console.log(`wrote ${SUPERGRAPH_PATH}${hints.length ? ` (${hints.length} composition hints)` : ''}`);
const composePath = join(ROOT, 'docker-compose.yml');
writeFileSync(composePath, dockerCompose(subgraphList()));
console.log(`wrote ${composePath}`);
