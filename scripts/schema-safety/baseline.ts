import { execFileSync } from 'node:child_process';
import { ROOT } from '../supergraph';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function resolveCommit(ref: string): string | undefined {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    return undefined;
  }
}

export interface Baseline {
  /** The ref asked for (SCHEMA_BASE_REF, or main). */
  ref: string;
  /** Where the working tree is compared: the merge-base of `ref` and HEAD. */
  commit: string;
  isHead: boolean;
  /** The committed supergraph at `commit`; undefined when it had none. */
  supergraphSdl?: string;
}

/**
 * The supergraph this branch started from. The merge-base, not the tip of `ref`: against the tip, a
 * branch that is behind main would see every field main gained since as "removed".
 */
export function baseline(explicitRef = process.env.SCHEMA_BASE_REF): Baseline {
  // A checkout with no main at all (a CI job's detached checkout) still checks its working tree against HEAD.
  const candidates = explicitRef ? [explicitRef] : ['main', 'origin/main', 'HEAD'];
  const ref = candidates.find(resolveCommit);
  if (!ref) throw new Error(`schema:check: no base to compare with (${candidates.join(', ')} not found); set SCHEMA_BASE_REF to a branch or commit`);
  let commit: string;
  try {
    commit = git('merge-base', ref, 'HEAD');
  } catch {
    throw new Error(`schema:check: ${ref} and HEAD have no common commit here (a shallow clone? fetch more history, or set SCHEMA_BASE_REF)`);
  }
  let supergraphSdl: string | undefined;
  try {
    supergraphSdl = git('show', `${commit}:schema/supergraph.graphql`);
  } catch {
    supergraphSdl = undefined;
  }
  return { ref, commit, isHead: commit === git('rev-parse', 'HEAD'), supergraphSdl };
}
