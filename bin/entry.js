/**
 * Which code the `dlgeom` binary runs: the compiled JavaScript in dist/ (fast start-up), or, in a
 * development checkout whose sources changed since the last build, the TypeScript sources through
 * tsx. Guarantee: dist/ is chosen only when its build stamp exists and no file under the source
 * folders is newer than it, so nothing ever runs stale output. An installed package ships no
 * sources, so it always runs dist/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Written by scripts/build.js after a successful build, dated when the build started. */
export const STAMP = '.build-stamp';
/** The folders compiled into dist/ (tsconfig.build.json). */
export const SOURCE_DIRS = ['src', 'properties'];

/** The newest modification time (ms) of a file under `dir`, or 0. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * @param {string} root the package folder (holding dist/ and, in a checkout, src/)
 * @param {string | undefined} force `DLGEOM_ENTRY`: "dist" or "sources" to override the choice
 * @returns {{ kind: 'dist' | 'sources', reason: string }}
 * @example chooseEntry('/path/to/dlgeom') // { kind: 'dist', reason: 'dist/ is up to date' }
 */
export function chooseEntry(root, force = process.env.DLGEOM_ENTRY) {
  const hasSources = existsSync(path.join(root, 'src', 'cli', 'main.ts'));
  const stamp = path.join(root, 'dist', STAMP);
  if (force === 'sources' && hasSources) return { kind: 'sources', reason: 'DLGEOM_ENTRY=sources' };
  if (force === 'dist' && existsSync(stamp)) return { kind: 'dist', reason: 'DLGEOM_ENTRY=dist' };
  if (!existsSync(stamp)) return hasSources ? { kind: 'sources', reason: 'no build (dist/ missing or incomplete): running the sources' } : { kind: 'dist', reason: 'no sources' };
  if (!hasSources) return { kind: 'dist', reason: 'installed package (no sources)' };
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))));
  return newest > built ? { kind: 'sources', reason: 'sources changed since the last build: running the sources' } : { kind: 'dist', reason: 'dist/ is up to date' };
}
