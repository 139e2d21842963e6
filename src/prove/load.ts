/**
 * Finding and importing proof scripts. A folder means its `*.proof.ts` files
 * (not recursive); a file is taken as given. A script that cannot be imported
 * or does not default-export `defineProof(...)` is reported, not thrown.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../data/errors.ts';
import { isProof, type AnyProof } from './define.ts';

/** proofs/ of this package: the default scripts and baseline. */
export const DEFAULT_PROOFS_DIR = path.resolve(fileURLToPath(new URL('../../proofs', import.meta.url)));

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

/** Imports one script (fresh: the URL carries the file's modification time). */
export async function loadScript(file: string, baselineDir: string): Promise<LoadedScript> {
  const key = scriptKey(file, baselineDir);
  let mod: { default?: unknown };
  try {
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
