/** A one-line reason for a failed file read or write, without the path Node's message repeats. */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'EEXIST':
      return 'file exists';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    default:
      return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  }
}
