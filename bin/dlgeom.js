#!/usr/bin/env node
// The `dlgeom` command: loads the TypeScript CLI through tsx (no build step, no stale output).
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
