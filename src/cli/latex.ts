/**
 * `dlgeom latex <claim-id> (--data <file> | --example <name>) [-o out.tex] [--fragment] [--layers L] [--force]`:
 * a LaTeX document deriving one claim on one data set (src/latex/claim-document.ts).
 * Without -o the document goes to stdout. With -o it is written to the file,
 * and every exact value it shows, in full, to the side file `<out>.values.json`
 * (out without its .tex); neither is overwritten without --force.
 */
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';
import { claimDocument, isClaimDocumentId, unknownClaimId } from '../latex/claim-document.ts';
import { loadInput } from './common.ts';
import { parseLayers } from './options.ts';
import { checkOutputFile } from '../util/output-paths.ts';

interface LatexOpts {
  data?: string;
  example?: string;
  output?: string;
  fragment?: boolean;
  layers?: string;
  force?: boolean;
}

/** The side file of `-o out.tex`: `out.values.json`. */
export function valuesFileName(out: string): string {
  return `${out.replace(/\.tex$/i, '')}.values.json`;
}

export function registerLatex(program: Command): void {
  program
    .command('latex')
    .description('write a LaTeX document deriving one claim (S1, S2, S3, D1, D1-degeneracy, D2, D3, R1, T) on a data set')
    .argument('<claim-id>', 'S1 | S2 | S3 | D1 | D1-degeneracy | D2 | D3 | R1 | T (truncation lemmas T1–T5)')
    .option('--data <file>', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', 'use a built-in example instead of a file')
    .option('-o, --output <file>', 'write the document to <file> (and every exact value to <file without .tex>.values.json)')
    .option('--fragment', 'the body only, without preamble and \\begin{document}, for \\input')
    .option('--layers <L>', 'hidden layers for the deep claims (default: Q)')
    .option('--force', 'with -o: replace existing files')
    .action((claimId: string, opts: LatexOpts) => {
      if (!isClaimDocumentId(claimId)) throw unknownClaimId(claimId);
      const layers = opts.layers === undefined ? undefined : parseLayers(opts.layers);
      const out = opts.output;
      const side = out === undefined ? undefined : valuesFileName(out);
      if (out !== undefined && side !== undefined && !opts.force)
        for (const f of [out, side]) if (existsSync(f)) throw new InputError(`${f}: already exists; use --force to replace it, or choose another -o`);
      if (out !== undefined && side !== undefined) for (const f of [out, side]) checkOutputFile(f, `-o ${out}`);
      if ((opts.data === undefined) === (opts.example === undefined)) throw new InputError('give exactly one of --data <file> or --example <name>');
      const ds = loadInput({ file: opts.data, example: opts.example });
      const doc = claimDocument(claimId, ds, { fragment: !!opts.fragment, ...(layers === undefined ? {} : { layers }), ...(side ? { sideFile: path.basename(side) } : {}) });
      if (out === undefined || side === undefined) {
        process.stdout.write(doc.tex);
        return;
      }
      const values = { format: 'dlgeom/latex-values@1', claim: claimId, data: { name: ds.name, sha256: ds.source.sha256 }, layers: layers ?? ds.Q, values: doc.values };
      const flag = opts.force ? 'w' : 'wx';
      for (const [file, text] of [
        [out, doc.tex],
        [side, JSON.stringify(values, null, 1) + '\n'],
      ] as const) {
        try {
          writeFileSync(file, text, { flag });
        } catch (e) {
          throw new InputError(`${file}: cannot write (${describeIoError(e)})`);
        }
      }
      process.stderr.write(`wrote ${out} and ${side}\n`);
    });
}
