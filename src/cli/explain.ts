/**
 * `dlgeom explain [claim-id]`: a claim as the toolkit reads it, its hypotheses,
 * what certifies a verdict on it and a command that decides it, from the claim
 * catalogue (src/claims/catalogue.ts). Without an id: every claim, one line each.
 * With data (--data <file> or --example <name>): whether each hypothesis checkable up front holds on it.
 */
import type { Command } from 'commander';
import { applicability, CATALOGUE, CATALOGUE_IDS, catalogueEntry, claimTableMarkdown, type CatalogueEntry } from '../claims/catalogue.ts';
import { InputError } from '../data/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { dataFacts, loadInput } from './common.ts';
import { parseLayers } from './options.ts';
import { outputStyle, wrapText, type OutputStyle } from './terminal.ts';

interface ExplainOpts {
  data?: string;
  example?: string;
  layers?: string;
  wide?: boolean;
  markdown?: boolean;
}

/** An unknown claim id: one line with the nearest ids and the list. */
export function unknownClaim(id: string, known: readonly string[] = CATALOGUE_IDS): InputError {
  return new InputError(`unknown claim id "${id}"${didYouMean(id, known)}; known: ${known.join(', ')}`);
}

/** The text of one claim. */
export function explainText(e: CatalogueEntry, style: OutputStyle): string {
  const w = style.width;
  const out = [`${e.id} — ${e.title}`, wrapText(e.statement, w, '  ')];
  out.push(wrapText('hypotheses (a verdict is given only when they hold; otherwise "not applicable", with the reason):', w));
  for (const h of e.hypotheses) out.push(wrapText(h.text, w, '  - ', '    '));
  if (e.evidence.length) {
    out.push(wrapText('certified by (a certificate of one of these kinds; `dlgeom check` re-checks it from the data alone):', w));
    for (const v of e.evidence) out.push(wrapText(`${v.kind}: ${v.shows}`, w, '  - ', '    '));
  } else out.push(wrapText('checked by property search, not on a data set: every counterexample `dlgeom search` reports is confirmed in exact arithmetic; `dlgeom prove` runs it with a fixed seed.', w, '  '));
  out.push(`try: ${e.sample}`);
  return out.join('\n');
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('what a claim states, its hypotheses, what certifies it, and a command to try')
    .argument('[claim-id]', `one of: ${CATALOGUE_IDS.join(', ')} (none: list them all)`)
    .option('--data <file>', 'optional: say whether the hypotheses hold on this data file')
    .option('--example <name>', 'optional: or on a built-in example')
    .option('--layers <L>', 'hidden layers for the deep claims (default: Q)')
    .option('--wide', 'do not wrap to the terminal width')
    .option('--markdown', 'without a claim id: the claim table as Markdown (the one in README.md)')
    .action((id: string | undefined, opts: ExplainOpts) => {
      const file = opts.data;
      const style = outputStyle(opts);
      if (id === undefined && opts.markdown) {
        process.stdout.write(claimTableMarkdown() + '\n');
        return;
      }
      if (id === undefined) {
        const pad = Math.max(...CATALOGUE_IDS.map((x) => x.length));
        const lines = CATALOGUE.map((e) => `${e.id.padEnd(pad)}  ${e.title} [${e.hypothesesShort}]`);
        process.stdout.write(`${lines.join('\n')}\n(dlgeom explain <claim-id> for one claim in full)\n`);
        return;
      }
      // A search variant ("T4-general", "D2-all", …) is explained by its base claim.
      const base = catalogueEntry(id) ? undefined : CATALOGUE_IDS.find((x) => id.toLowerCase().startsWith(`${x.toLowerCase()}-`) && !catalogueEntry(id));
      const entry = catalogueEntry(id) ?? catalogueEntry(CATALOGUE_IDS.find((x) => x.toLowerCase() === id.toLowerCase()) ?? '') ?? (base ? catalogueEntry(base) : undefined);
      if (!entry) throw unknownClaim(id);
      if (base) process.stdout.write(wrapText(`${id} is a \`dlgeom search\` variant of ${base} (dlgeom search --help lists what each variant states); ${base}:`, style.width) + '\n');
      const layers = opts.layers === undefined ? undefined : parseLayers(opts.layers);
      const ds = file !== undefined || opts.example !== undefined ? loadInput({ file, example: opts.example }) : undefined;
      let text = explainText(entry, style);
      if (ds) {
        const facts = dataFacts(ds, layers ?? ds.Q);
        const a = applicability(entry, facts);
        const on = `on ${ds.name} (Q = ${facts.Q}, M = ${facts.M}, rank X̄ = ${facts.rankXbar}, L = ${facts.L}): `;
        const verdict = !entry.onData
          ? 'not decided on data (property search)'
          : a.kind === 'decidable'
            ? 'the hypotheses checkable up front hold: verify decides it'
            : a.kind === 'depends'
              ? 'decided if the classes can be separated (exact LP during verify)'
              : `not applicable: ${a.because}`;
        text += `\n${wrapText(on + verdict, style.width)}`;
      }
      process.stdout.write(text + '\n');
    });
}
