/**
 * Finding and importing proof scripts. A folder means its `*.proof.ts` files
 * (not recursive); a file is taken as given. A script that cannot be imported
 * or does not default-export `defineProof(...)` is reported, not thrown.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../util/package-root.ts';
import { InputError } from '../data/errors.ts';
import { isProof, type AnyProof } from './define.ts';

/** The default scripts and baseline: proofs/ in the working directory (this repository's, or a project's made by `dlgeom init`). */
export const DEFAULT_PROOFS_DIR = 'proofs';

const SCRIPT_FILE = /\.proof\.(ts|mts|js|mjs)$/;
const MODULE_FILE = /\.(ts|mts|js|mjs)$/;

export interface LoadedScript {
  /** Path relative to the baseline's folder, without `.proof.ts`: the baseline key. */
  readonly key: string;
  readonly file: string;
  readonly proof?: AnyProof;
  /** Why it could not be loaded. */
  readonly error?: string;
}

/**
 * The script files named by `paths` (files or folders), absolute, in order, without duplicates.
 * @example findScripts([], DEFAULT_PROOFS_DIR) // every proofs/*.proof.ts
 */
export function findScripts(paths: readonly string[], defaultDir: string = DEFAULT_PROOFS_DIR): string[] {
  const out: string[] = [];
  const add = (f: string) => {
    if (!out.includes(f)) out.push(f);
  };
  if (paths.length === 0 && !existsSync(defaultDir))
    throw new InputError(`no ${defaultDir}/ folder in ${process.cwd()}: give proof scripts or folders, or start a proofs project with dlgeom init`);
  for (const p of paths.length ? paths : [defaultDir]) {
    const abs = path.resolve(p);
    if (!existsSync(abs)) throw new InputError(`${p}: no such file or folder`);
    if (statSync(abs).isDirectory()) {
      const found = readdirSync(abs).filter((f) => SCRIPT_FILE.test(f)).sort();
      if (found.length === 0) throw new InputError(`${p}: no proof scripts (*.proof.ts) in this folder`);
      found.forEach((f) => add(path.join(abs, f)));
    } else {
      if (!MODULE_FILE.test(abs)) throw new InputError(`${p}: not a proof script (expected a .ts or .js module, e.g. name.proof.ts)`);
      add(abs);
    }
  }
  return out;
}

/** The baseline key of a script file. */
export function scriptKey(file: string, baselineDir: string): string {
  const rel = path.relative(baselineDir, file).split(path.sep).join('/');
  return rel.replace(SCRIPT_FILE, '').replace(MODULE_FILE, '');
}

function firstLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0]!.slice(0, 300);
}

const TYPESCRIPT_FILE = /\.(ts|mts|cts)$/;
let typescriptLoader: Promise<void> | undefined;

/**
 * Registers tsx's loader once, the first time a TypeScript script is imported: start-up and
 * JavaScript scripts never pay for it. (When the CLI itself runs from its TypeScript sources,
 * a loader is already active and registering again is harmless.) Running from the build in a
 * checkout, a script's imports of this package's sources are redirected to the build
 * (compiled-redirect-hooks.ts), so both sides share each module.
 */
function loadTypeScript(): Promise<void> {
  typescriptLoader ??= (async () => {
    (await import('tsx/esm/api')).register();
    if (import.meta.url.endsWith('.js') && existsSync(path.join(packageRoot(), 'src'))) {
      const root = pathToFileURL(packageRoot() + path.sep).href;
      register(new URL('./compiled-redirect-hooks.js', import.meta.url), { data: { root } });
    }
  })();
  return typescriptLoader;
}

/** Imports one script (fresh: the URL carries the file's modification time). */
export async function loadScript(file: string, baselineDir: string): Promise<LoadedScript> {
  const key = scriptKey(file, baselineDir);
  let mod: { default?: unknown };
  try {
    if (TYPESCRIPT_FILE.test(file)) await loadTypeScript();
    const url = pathToFileURL(file);
    url.searchParams.set('v', String(statSync(file).mtimeMs));
    mod = (await import(url.href)) as { default?: unknown };
  } catch (e) {
    const msg = firstLine(e);
    const hint = /require\(\) ES Module|Unknown file extension/.test(msg) ? ' (a script outside this package must sit in an ES-module package — package.json {"type": "module"} — or be named *.proof.mts)' : '';
    return { key, file, error: `cannot load: ${msg}${hint}` };
  }
  if (!isProof(mod.default)) return { key, file, error: 'its default export is not defineProof({...})' };
  return { key, file, proof: mod.default };
}
