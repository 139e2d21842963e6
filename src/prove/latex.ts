/**
 * `--latex DIR`: the LaTeX documents a script declares (its `latex` requests),
 * one file per (script, claim, data) named `<script>.<claim>.<data>.tex`.
 * The writer `claimLatex` of src/latex/claim-document.ts is imported lazily,
 * so `prove` works (and reports why) when that module is missing or broken.
 * Existing files are never replaced without `force`: the CLI refuses up front.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { ensureOutputDir } from '../util/output-paths.ts';
import path from 'node:path';
import type { DataSet } from '../data/dataset.ts';
import type { LatexRequest } from './define.ts';
import type { ScriptRun } from './run.ts';

/** The signature of src/latex/claim-document.ts's export. */
export type ClaimLatex = (claimId: string, ds: DataSet, opts: { fragment?: boolean; layers?: number }) => string;

export interface LatexTarget {
  readonly file: string;
  readonly script: string;
  readonly claim: string;
  readonly data: string;
  readonly request: LatexRequest;
}

export interface LatexOutcome {
  readonly written: string[];
  readonly skipped: { readonly file: string; readonly reason: string }[];
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';

/** The file for one (script, claim, data). */
export function latexFileName(script: string, claim: string, data: string): string {
  return `${slug(script.replace(/\//g, '-'))}.${slug(claim)}.${slug(data)}.tex`;
}

/**
 * Every LaTeX file the scripts declare, for the given data names per script.
 * @example latexTargets([{ script: 'deep-d1', requests: [{ claim: 'D1' }], data: ['clusters-q3'] }], 'out')[0].file // 'out/deep-d1.D1.clusters-q3.tex'
 */
export function latexTargets(scripts: readonly { script: string; requests: readonly LatexRequest[]; data: readonly string[] }[], dir: string): LatexTarget[] {
  const out: LatexTarget[] = [];
  for (const s of scripts)
    for (const request of s.requests)
      for (const data of s.data.filter((d) => !request.data || request.data.includes(d)))
        out.push({ file: path.join(dir, latexFileName(s.script, request.claim, data)), script: s.script, claim: request.claim, data, request });
  return out;
}

/** Targets that already exist on disk. */
export function existingTargets(targets: readonly LatexTarget[]): string[] {
  return targets.filter((t) => existsSync(t.file)).map((t) => t.file);
}

async function loadClaimLatex(): Promise<ClaimLatex | string> {
  try {
    const mod = (await import('../latex/claim-document.ts')) as { claimLatex?: unknown };
    if (typeof mod.claimLatex !== 'function') return 'src/latex/claim-document.ts does not export claimLatex';
    return mod.claimLatex as ClaimLatex;
  } catch (e) {
    return `src/latex/claim-document.ts could not be loaded (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
  }
}

/**
 * Writes the LaTeX of every target whose data set was loaded in `runs`.
 * A target the writer refuses (an unknown claim id, an exception) is skipped with its reason.
 */
export async function writeLatex(targets: readonly LatexTarget[], runs: readonly ScriptRun[], dir: string, force: boolean): Promise<LatexOutcome> {
  const outcome: LatexOutcome = { written: [], skipped: [] };
  if (targets.length === 0) return outcome;
  const claimLatex = await loadClaimLatex();
  if (typeof claimLatex === 'string') {
    for (const t of targets) outcome.skipped.push({ file: t.file, reason: claimLatex });
    return outcome;
  }
  ensureOutputDir(dir, `--latex ${dir}`);
  for (const t of targets) {
    const ds = runs.find((r) => r.script === t.script)?.datasets.get(t.data);
    if (!ds) {
      outcome.skipped.push({ file: t.file, reason: `data set ${t.data} was not loaded` });
      continue;
    }
    try {
      const tex = claimLatex(t.claim, ds, { ...(t.request.fragment !== undefined ? { fragment: t.request.fragment } : {}), ...(t.request.layers !== undefined ? { layers: t.request.layers } : {}) });
      if (typeof tex !== 'string' || tex.length === 0) throw new Error('claimLatex returned no text');
      writeFileSync(t.file, tex, { flag: force ? 'w' : 'wx' });
      outcome.written.push(t.file);
    } catch (e) {
      outcome.skipped.push({ file: t.file, reason: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200) });
    }
  }
  return outcome;
}
