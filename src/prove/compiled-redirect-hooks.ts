/**
 * Module resolution hooks, registered only when the CLI runs from its build (dist/) in a checkout
 * and loads a TypeScript proof script: a module of this package's sources that the script imports
 * (`<root>/src/…/x.ts`, `<root>/properties/…/x.ts`) resolves to its compiled twin in dist/, so the
 * script and the runner share one instance of every module (one `Rational` class, one registry).
 * Sound because the bin runs dist/ only when no source is newer than the build (bin/entry.js).
 */
let roots: { from: string; to: string }[] = [];

export function initialize(data: { root: string }): void {
  roots = ['src/', 'properties/'].map((d) => ({ from: new URL(d, data.root).href, to: new URL(`dist/${d}`, data.root).href }));
}

export async function resolve(
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>,
): Promise<{ url: string; format?: string | null; shortCircuit?: boolean }> {
  const resolved = await next(specifier, context);
  for (const r of roots)
    if (resolved.url.startsWith(r.from) && resolved.url.endsWith('.ts'))
      return { url: r.to + resolved.url.slice(r.from.length, -'.ts'.length) + '.js', format: 'module', shortCircuit: true };
  return resolved;
}
