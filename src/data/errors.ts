/**
 * Bad user input: the CLI prints `message` as one line and exits non-zero,
 * never a stack trace. `message` names the file and the place.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
