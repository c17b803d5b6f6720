import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One entry of schema/subgraphs.json: the only list of the supergraph's subgraphs. */
export interface SubgraphEntry {
  name: string;
  port: number;
  /**
   * Variables the subgraph needs in production beyond what every subgraph gets, as docker-compose.yml
   * writes them (`${NAME:?why}` makes the operator set one). `npm run compose` copies them.
   */
  production?: Record<string, string>;
}

/**
 * Finds schema/subgraphs.json above `from` (the working directory of `npm run start -w …`, or
 * this package wherever it was installed or built to), so a subgraph's port is written only there.
 */
export function subgraphListPath(from: string[] = [process.cwd(), __dirname]): string {
  for (const start of from) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, 'schema/subgraphs.json');
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`schema/subgraphs.json not found above ${from.join(' or ')}`);
}

/** The subgraphs in schema/subgraphs.json order, with their default ports. */
export function readSubgraphList(path = subgraphListPath()): SubgraphEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { subgraphs: SubgraphEntry[] }).subgraphs;
}

/** A subgraph's default port, as schema/subgraphs.json gives it. */
export function defaultPortOf(name: string, list = readSubgraphList()): number {
  const entry = list.find((s) => s.name === name);
  if (!entry) throw new Error(`schema/subgraphs.json does not list the subgraph "${name}" (npm run new:subgraph adds it)`);
  return entry.port;
}
