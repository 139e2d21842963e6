/**
 * Regenerates examples/: every built-in example as canonical JSON, and iris
 * also as CSV, as sources for users. Run: `npx tsx src/data/write-examples.ts`.
 * test/data-examples.test.ts fails when the committed files drift from the code.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exampleNames, loadExample } from './examples.ts';
import { writeDataFile } from './write.ts';

const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const name of exampleNames()) {
  const ds = loadExample(name);
  writeDataFile(ds, `${dir}${name}.json`, { overwrite: true });
  if (name === 'iris') writeDataFile(ds, `${dir}${name}.csv`, { overwrite: true });
}
console.log(`wrote ${exampleNames().length} examples to ${dir}`);
