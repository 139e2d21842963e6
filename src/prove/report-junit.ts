/**
 * JUnit XML for CI systems: one <testsuite> per script, one <testcase> per
 * verdict row (plus one per baseline entry the run no longer produced). A
 * testcase fails exactly when its verdict differs from the baseline; a
 * differing "error" verdict is an <error>. Everything is escaped, and
 * characters XML 1.0 forbids are dropped.
 */
import path from 'node:path';
import { isFailure, type Difference } from './baseline.ts';
import type { ProveRun } from './run.ts';
import { rowKey } from './verdict.ts';

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Case {
  name: string;
  timeMs: number;
  out: string;
  diff?: Difference;
}

/**
 * The JUnit document of a run.
 * @example junitXml(run, differences).startsWith('<?xml') // true
 */
export function junitXml(run: ProveRun, differences: readonly Difference[], now: Date = new Date()): string {
  const byKey = new Map(differences.filter(isFailure).map((d) => [d.key, d]));
  const stamp = now.toISOString().replace(/\.\d+Z$/, '');
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const s of run.scripts) {
    const cases: Case[] = s.rows.map((r) => ({
      name: `${r.claim} · ${r.check} › ${r.data}`,
      timeMs: r.timeMs,
      out: `${r.verdict}: ${r.evidence}`,
      ...(byKey.has(rowKey(r)) ? { diff: byKey.get(rowKey(r))! } : {}),
    }));
    for (const d of differences.filter((x) => x.kind === 'missing' && x.script === s.script))
      cases.push({ name: `${d.claim} · ${d.check} › ${d.data}`, timeMs: 0, out: `baseline: ${d.old}; not produced by this run`, diff: d });
    const f = cases.filter((c) => c.diff && c.diff.new !== 'error').length;
    const e = cases.filter((c) => c.diff?.new === 'error').length;
    tests += cases.length;
    failures += f;
    errors += e;
    const body = cases.map((c) => {
      const open = `    <testcase${attrs({ classname: `dlgeom.prove.${s.script}`, name: c.name, time: seconds(c.timeMs), file: path.relative(process.cwd(), s.file) })}>`;
      const parts: string[] = [];
      if (c.diff) {
        const tag = c.diff.new === 'error' ? 'error' : 'failure';
        const message = `${c.diff.kind}: ${c.diff.old ?? '(no baseline entry)'} → ${c.diff.new ?? '(not produced)'}`;
        parts.push(`      <${tag}${attrs({ type: c.diff.kind, message })}>${xmlEscape(`${message}\n${c.out}`)}</${tag}>`);
      }
      parts.push(`      <system-out>${xmlEscape(c.out)}</system-out>`);
      return `${open}\n${parts.join('\n')}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite${attrs({ name: s.script, tests: cases.length, failures: f, errors: e, skipped: 0, time: seconds(s.timeMs), timestamp: stamp, file: path.relative(process.cwd(), s.file) })}>\n` +
        `    <properties>\n` +
        `      <property${attrs({ name: 'title', value: s.title })}/>\n` +
        `      <property${attrs({ name: 'seed', value: run.seed })}/>\n` +
        `      <property${attrs({ name: 'runs', value: run.runs ?? 'script defaults' })}/>\n` +
        `    </properties>\n` +
        `${body.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({ name: 'dlgeom prove', tests, failures, errors, time: seconds(run.timeMs), timestamp: stamp })}>\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
