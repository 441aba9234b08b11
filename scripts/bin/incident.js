#!/usr/bin/env node
// The `incident` bin. The CLI comes from the prebuilt bundle when it matches the sources, else it
// runs the TypeScript through tsx (scripts/bin/load-main.js): the same code either way.
import { loadMain } from './load-main.js';

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
