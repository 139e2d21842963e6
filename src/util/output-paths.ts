/**
 * Output places given on the command line (folders and files), checked before any
 * work starts: a place that cannot be created or written, or that lies under a
 * file, is an InputError with one line (exit 2). Folders are created one level at a
 * time (never `mkdir -p`, whose recursion does not return on paths like /proc/x),
 * and only the folder named and its missing parents are created.
 */
import { accessSync, constants, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';

function statOrUndefined(p: string, label: string): Stats | undefined {
  try {
    return statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A missing place, or one under a file: the walk up finds the file and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`${label}: cannot use ${p} (${describeIoError(e)})`);
  }
}

/**
 * The missing folders of `dir`, outermost first, after checking that its nearest
 * existing ancestor is a writable folder. `label` starts every message ("--out x").
 */
function missingFolders(dir: string, label: string): string[] {
  const missing: string[] = [];
  let p = path.resolve(dir);
  for (;;) {
    const st = statOrUndefined(p, label);
    if (st) {
      if (!st.isDirectory()) throw new InputError(`${label}: ${p} is a file, not a folder`);
      try {
        accessSync(p, constants.W_OK | constants.X_OK);
      } catch (e) {
        throw new InputError(`${label}: cannot write in ${p} (${describeIoError(e)})`);
      }
      return missing.reverse();
    }
    missing.push(p);
    const parent = path.dirname(p);
    if (parent === p) throw new InputError(`${label}: no such place`);
    p = parent;
  }
}

/** Creates `folders` (outermost first), one level at a time; returns those made. */
function createFolders(folders: readonly string[], label: string): string[] {
  const made: string[] = [];
  for (const f of folders) {
    try {
      mkdirSync(f);
      made.push(f);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(f).isDirectory()) continue;
      throw new InputError(`${label}: cannot create folder ${f} (${describeIoError(e)})`);
    }
  }
  return made;
}

/**
 * Makes `dir` an existing, writable folder (creating it and missing parents);
 * InputError with one line otherwise.
 * @example ensureOutputDir('out/certs', '--certificates out/certs')
 */
export function ensureOutputDir(dir: string, label: string): void {
  createFolders(missingFolders(dir, label), label);
}

/**
 * Checks that `dir` exists as a writable folder or can be created, without
 * leaving anything behind (folders created to check are removed again).
 */
export function checkOutputDir(dir: string, label: string): void {
  const made = createFolders(missingFolders(dir, label), label);
  for (const f of made.reverse()) rmdirSync(f);
}

/**
 * Checks that `file` can be written: its folder exists or can be created, and the
 * file is not a folder and, when it exists, is writable. Creates nothing.
 */
export function checkOutputFile(file: string, label: string): void {
  const abs = path.resolve(file);
  const st = statOrUndefined(abs, label);
  if (st) {
    if (st.isDirectory()) throw new InputError(`${label}: ${file} is a folder, not a file`);
    try {
      accessSync(abs, constants.W_OK);
    } catch (e) {
      throw new InputError(`${label}: cannot write ${file} (${describeIoError(e)})`);
    }
    return;
  }
  checkOutputDir(path.dirname(abs), label);
}
