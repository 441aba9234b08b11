// Child process for atomic-write.test.ts: rewrites every file in a folder over and over, alternating
// between two contents, until it is killed. Not a test itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshot, writeFileAtomic } from './atomic-write.ts';

const dir = process.argv[2]!;
const a = readFileSync(join(dir, '..', 'A'));
const b = readFileSync(join(dir, '..', 'B'));
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  for (const f of files) {
    const path = join(dir, f);
    const snap = await readSnapshot(path);
    await writeFileAtomic(path, Buffer.compare(snap.bytes, a) === 0 ? b : a, snap);
  }
}
