#!/usr/bin/env node
/**
 * `npm run build` (also run by `prepare` on install): compiles src/ and properties/ to dist/
 * (ESM + .d.ts, tsconfig.build.json), then writes dist/.build-stamp with the time the build
 * STARTED. bin/dlgeom.js runs dist/ only while no source file is newer than that stamp, so a
 * source edited during or after a build is never run from stale output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP } from '../bin/entry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = new Date();
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  // No stamp: the bin keeps running the TypeScript sources.
  process.stderr.write(`build: tsc failed (exit ${r.status ?? r.signal}); dist/ is incomplete and will not be used\n`);
  process.exit(1);
}
mkdirSync(dist, { recursive: true });
const stamp = path.join(dist, STAMP);
writeFileSync(stamp, `built from the sources as of ${started.toISOString()}\n`);
utimesSync(stamp, started, started);
