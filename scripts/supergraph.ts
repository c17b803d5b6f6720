import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSubgraphList, type SubgraphEntry } from '@supergraph/service-kit';

export const ROOT = join(__dirname, '..');
export const SUPERGRAPH_PATH = join(ROOT, 'schema/supergraph.graphql');

export type { SubgraphEntry } from '@supergraph/service-kit';

export function subgraphList(): SubgraphEntry[] {
  return readSubgraphList(join(ROOT, 'schema/subgraphs.json'));
}

/** Composes every subgraph's SDL into the supergraph, with the default local URLs. */
export function composeSupergraph(): { supergraphSdl?: string; errors: string[]; hints: string[] } {
  const services = subgraphList().map(({ name, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    typeDefs: parse(readFileSync(join(ROOT, 'subgraphs', name, 'src/schema.graphql'), 'utf8')),
  }));
  const result = composeServices(services);
  return {
    supergraphSdl: result.errors ? undefined : result.supergraphSdl,
    errors: (result.errors ?? []).map((e) => e.message),
    hints: ('hints' in result && result.hints ? result.hints : []).map((h) => h.toString()),
  };
}
