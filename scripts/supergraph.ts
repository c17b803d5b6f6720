import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const ROOT = join(__dirname, '..');
export const SUPERGRAPH_PATH = join(ROOT, 'schema/supergraph.graphql');

export interface SubgraphEntry {
  name: string;
  port: number;
}

export function subgraphList(): SubgraphEntry[] {
  return JSON.parse(readFileSync(join(ROOT, 'schema/subgraphs.json'), 'utf8')).subgraphs;
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
