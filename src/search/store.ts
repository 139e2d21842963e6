/**
 * The counterexample store (like Hypothesis's example database): every
 * counterexample the search finds is kept as one JSON file under the project's
 * `.dlgeom/counterexamples/` (projectStoreDir: next to the nearest package.json),
 * (seed, path, claim, the shrunk input), and later
 * searches for the same claim replay the stored inputs first.
 *
 * Entries are named by claim and a hash of the input, so storing the same
 * counterexample twice keeps one file; files are written atomically
 * (temporary file, then rename), so concurrent searches never see half an entry.
 *
 * @example
 *   const store = new CounterexampleStore('.dlgeom/counterexamples');
 *   store.save({ claim: 'T4-general', seed: 1, path: '0:0', runs: 100, maxQ: 3, input: {...} });
 *   store.entries('T4-general') // [{ claim: 'T4-general', ... }]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ensureOutputDir } from '../util/output-paths.ts';
import path from 'node:path';

export const STORE_FORMAT = 'dlgeom/counterexample-store@1';

/** Where the store sits inside a project: `<project>/.dlgeom/counterexamples`. */
export const STORE_SUBDIR = path.join('.dlgeom', 'counterexamples');

/**
 * The project's store: `.dlgeom/counterexamples` in the nearest folder at or above `from`
 * that holds a package.json (the project root), or in `from` itself when there is none.
 * The same project gives the same store from any of its sub-folders.
 * @example projectStoreDir('/work/dlgeom/proofs') // '/work/dlgeom/.dlgeom/counterexamples'
 */
export function projectStoreDir(from: string = process.cwd()): string {
  const start = path.resolve(from);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, STORE_SUBDIR);
    if (path.dirname(dir) === dir) return path.join(start, STORE_SUBDIR);
  }
}

export interface StoreEntry {
  readonly claim: string;
  /** The fast-check seed and shrink path that produced it (for the replay line). */
  readonly seed: number;
  readonly path: string;
  readonly runs: number;
  readonly maxQ: number;
  /** The shrunk input, in the property's JSON encoding. */
  readonly input: unknown;
}

interface StoredFile extends StoreEntry {
  readonly format: typeof STORE_FORMAT;
}

/** A directory of stored counterexamples. Nothing is created until the first save. */
export class CounterexampleStore {
  readonly dir: string;

  constructor(dir: string = projectStoreDir()) {
    this.dir = dir;
  }

  /** File name of an entry: claim and the first 16 hex digits of the input's hash. */
  static fileName(claim: string, input: unknown): string {
    const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
    return `${claim.replace(/[^A-Za-z0-9_-]/g, '_')}--${hash}.json`;
  }

  /** The stored entries of one claim, in file-name order (deterministic). Unreadable files are skipped. */
  entries(claim: string): (StoreEntry & { readonly file: string })[] {
    if (!existsSync(this.dir)) return [];
    const prefix = `${claim.replace(/[^A-Za-z0-9_-]/g, '_')}--`;
    const out: (StoreEntry & { file: string })[] = [];
    for (const name of readdirSync(this.dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json')).sort()) {
      const file = path.join(this.dir, name);
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredFile>;
        if (parsed.format !== STORE_FORMAT || parsed.claim !== claim) continue;
        out.push({ claim, seed: Number(parsed.seed), path: String(parsed.path), runs: Number(parsed.runs), maxQ: Number(parsed.maxQ), input: parsed.input, file });
      } catch {
        // A damaged entry is not a counterexample; ignore it (it is reported by `dlgeom search` as skipped).
      }
    }
    return out;
  }

  /** Saves an entry (idempotent for the same claim and input); returns its file path. */
  save(entry: StoreEntry): string {
    ensureOutputDir(this.dir, `--store ${this.dir}`);
    const file = path.join(this.dir, CounterexampleStore.fileName(entry.claim, entry.input));
    const body: StoredFile = { format: STORE_FORMAT, ...entry };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(body, null, 1) + '\n');
    renameSync(tmp, file);
    return file;
  }

  /** Removes an entry that no longer reproduces. */
  remove(file: string): void {
    rmSync(file, { force: true });
  }
}
