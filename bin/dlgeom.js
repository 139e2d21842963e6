#!/usr/bin/env -S node --max-semi-space-size=64
// The young generation at 64 MiB (V8 default 16): the exact algebra allocates BigInts at a high rate, and fewer
// scavenges cut verify's garbage-collection time by about a third on the digits shape (a flag read at start-up).
// The `dlgeom` command: the compiled CLI in dist/ (see bin/entry.js for when it falls back to the
// TypeScript sources). DLGEOM_ENTRY=dist|sources forces one; DLGEOM_SHOW_ENTRY=1 prints the choice.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseEntry } from './entry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = chooseEntry(root);
if (process.env.DLGEOM_SHOW_ENTRY) process.stderr.write(`dlgeom: ${entry.kind} (${entry.reason})\n`);
if (entry.kind === 'sources') {
  const { register } = await import('tsx/esm/api');
  register();
  // A script importing 'dlgeom' must get these same sources, not a stale dist/.
  const { register: registerHooks } = await import('node:module');
  registerHooks('./source-hooks.js', import.meta.url, { data: { index: pathToFileURL(path.join(root, 'src', 'index.ts')).href } });
  await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
} else {
  const main = path.join(root, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) {
    process.stderr.write(`dlgeom: not built (no ${main}): run \`npm run build\` in ${root} (npm ≥ 11 skips a dependency's prepare script unless approved: npm install-scripts approve dlgeom)\n`);
    process.exit(2);
  }
  await import(pathToFileURL(main).href);
}
