/**
 * Writing a found counterexample to a folder: the data it lives on as a SPEC §6
 * data file (`writeDataFile`), and a JSON with the input, the exact evidence
 * and the replay line. Existing files are never replaced: the first free
 * `<claim>-<k>` name is taken.
 *
 * @example
 *   writeCounterexampleFiles('out', result) // { dataFile: 'out/T4-general-1.json', evidenceFile: 'out/T4-general-1.evidence.json' }
 */
import { existsSync, writeFileSync } from 'node:fs';
import { ensureOutputDir } from '../util/output-paths.ts';
import path from 'node:path';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';
import { writeDataFile } from '../data/write.ts';
import { replayCommand, type SearchResult } from './runner.ts';

export const EVIDENCE_FORMAT = 'dlgeom/counterexample@1';

export interface WrittenFiles {
  /** The SPEC §6 data file (absent when the counterexample has no data, e.g. a truncation map). */
  readonly dataFile?: string;
  readonly evidenceFile: string;
}

/** The JSON written next to the data file (and printed by `--json`). */
export function evidenceJson(r: SearchResult, dataFile?: string): Record<string, unknown> {
  const f = r.found;
  if (!f) throw new Error('internal: evidenceJson without a counterexample');
  return {
    format: EVIDENCE_FORMAT,
    claim: r.claim,
    title: r.title,
    expect: r.expect,
    engineBug: f.counterexample.engineBug === true,
    origin: f.origin,
    seed: f.seed,
    path: f.path,
    maxQ: f.maxQ,
    numShrinks: f.numShrinks,
    replay: replayCommand(r),
    summary: f.counterexample.summary,
    evidence: f.counterexample.evidence,
    confirmedExactly: true,
    ...(dataFile !== undefined ? { dataFile: path.basename(dataFile) } : {}),
    input: f.input,
  };
}

/** Writes the files of a found counterexample into `dir` (created if needed), under fresh names. */
export function writeCounterexampleFiles(dir: string, r: SearchResult): WrittenFiles {
  const f = r.found;
  if (!f) throw new Error('internal: nothing to write');
  ensureOutputDir(dir, `--out ${dir}`);
  const stem = r.claim.replace(/[^A-Za-z0-9_-]/g, '_');
  for (let k = 1; k < 100_000; k++) {
    const dataFile = path.join(dir, `${stem}-${k}.json`);
    const evidenceFile = path.join(dir, `${stem}-${k}.evidence.json`);
    if (existsSync(dataFile) || existsSync(evidenceFile)) continue;
    const data = f.counterexample.data;
    if (data) {
      try {
        writeDataFile(data, dataFile);
      } catch (e) {
        if (existsSync(dataFile)) continue; // taken meanwhile by a concurrent writer: next name
        throw e;
      }
    }
    try {
      writeFileSync(evidenceFile, JSON.stringify(evidenceJson(r, data ? dataFile : undefined), null, 1) + '\n', { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new InputError(`${evidenceFile}: cannot write file: ${describeIoError(e)}`);
    }
    return data ? { dataFile, evidenceFile } : { evidenceFile };
  }
  throw new InputError(`${dir}: no free file name for ${stem}`);
}
