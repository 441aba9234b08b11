// Preloaded (node --import) into a process the bench measures: at exit, writes the process's
// resource usage (all threads: CPU user/system, peak RSS) to the file named in BENCH_RUSAGE_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RUSAGE_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
