import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');

export interface ComposeService {
  build?: { args?: { WORKSPACE?: string } };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
  depends_on?: Record<string, unknown>;
  deploy?: { replicas?: number };
}

export function readCompose(): { services: Record<string, ComposeService> } {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

export function subgraphManifest(): { name: string; port: number }[] {
  return JSON.parse(readFileSync(join(ROOT, 'schema/subgraphs.json'), 'utf8')).subgraphs;
}

/** Compose's `${NAME:?message}` and `${NAME:-default}`, with `values` standing for the shell. */
export function interpolate(value: string, values: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (values[name] !== undefined) return values[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`docker-compose.yml needs ${name}: ${rest}`);
  });
}
