/** Writing a report page: never over an existing file without `force`; one-line errors. */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';

/** Throws InputError when `file` exists and `force` is not set (call before the long work). */
export function refuseToOverwrite(file: string, force: boolean, option: string): void {
  if (!force && existsSync(file)) throw new InputError(`${file}: already exists; use --force to replace it, or choose another ${option}`);
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${file}: cannot write (folder ${dir} does not exist)`);
}

export function writePage(file: string, html: string, force: boolean): void {
  try {
    writeFileSync(file, html, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    throw new InputError(`${file}: cannot write (${describeIoError(e)})`);
  }
}
