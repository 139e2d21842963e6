/**
 * The folder of the installed dlgeom package (its package.json), from any of its modules:
 * the same answer from the TypeScript sources (src/…) and from the build (dist/src/…).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** @example packageRoot() // '/home/me/dlgeom' (a checkout) or '/project/node_modules/dlgeom' */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dlgeom') return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('internal: the dlgeom package folder (its package.json) was not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}
