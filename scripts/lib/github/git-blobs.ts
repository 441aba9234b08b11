import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Reads many `<sha>:<path>` blobs through one `git cat-file --batch` process: a PR importing
 * thousands of incident files must not spawn thousands of processes. Arguments never pass a shell.
 */
export class GitBlobReader {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private readonly waiting: Array<(r: Buffer | undefined) => void> = [];
  private failed = false;

  constructor(private readonly gitDir: string) {
    this.proc = spawn('git', ['-C', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => { this.buf = Buffer.concat([this.buf, chunk]); this.drain(); });
    this.proc.stderr.resume();
    const stop = () => { this.failed = true; for (const w of this.waiting.splice(0)) w(undefined); };
    this.proc.on('error', stop);
    this.proc.on('close', stop);
  }

  async read(sha: string, path: string): Promise<string | undefined> {
    if (path.includes('\n') || this.failed) return readOne(this.gitDir, sha, path);
    const bytes = await new Promise<Buffer | undefined>((resolve) => {
      this.waiting.push(resolve);
      this.proc.stdin.write(`${sha}:${path}\n`);
    });
    return bytes?.toString('utf8');
  }

  close(): void {
    this.proc.stdin.end();
  }

  private drain(): void {
    while (this.waiting.length) {
      const nl = this.buf.indexOf(10);
      if (nl < 0) return;
      const header = this.buf.subarray(0, nl).toString('utf8');
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) { // "<name> missing" / "ambiguous"
        this.buf = this.buf.subarray(nl + 1);
        this.waiting.shift()!(undefined);
        continue;
      }
      const size = Number(m[2]);
      if (this.buf.length < nl + 1 + size + 1) return;
      const content = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 2 + size);
      this.waiting.shift()!(m[1] === 'blob' ? content : undefined);
    }
  }
}

async function readOne(gitDir: string, sha: string, path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', gitDir, 'show', '--no-textconv', `${sha}:${path}`], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}
