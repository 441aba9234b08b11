#!/usr/bin/env node
// The `incident` bin: runs the TypeScript CLI through tsx's loader, so the published
// package and `npm run incident` execute exactly the same code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
