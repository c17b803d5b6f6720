import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Runs git in `cwd` with an identity of its own, so commits work on a machine without one. */
export const gitIn = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=schema-safety-test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

/**
 * A throwaway git repository holding this checkout's files (tracked and new ones not yet committed)
 * committed as `main`, with node_modules shared by symlink: scripts run in it as in the real
 * checkout, which is never touched.
 */
export function scratchRepository(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  gitIn(copy, 'init', '--quiet', '--initial-branch=main');
  // .gitignore's `node_modules/` matches directories only, not the symlink.
  appendFileSync(join(copy, '.git/info/exclude'), '/node_modules\n');
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  gitIn(copy, 'add', '-A');
  gitIn(copy, 'commit', '--quiet', '--no-verify', '-m', 'main as copied');
  return copy;
}
