import type { Root } from 'mdast';
import type { ParsedFile } from '../../parse/incident-file.ts';
import { asArray, asRecord, get, timeOf, type Data } from '../../model/access.ts';
import { sha256 } from './compile.ts';
import { parseBody } from './fast-markdown.ts';
import { finalizeTree, sanitizeData } from './finalize.ts';
import type { ReportSource } from './view.ts';

/**
 * A parsed incident file (with front matter) and its bytes → what the renderers read: front matter
 * and body cleaned of anything that looks like a credential, and the body's raw HTML dropped.
 */
export function reportSource(parsed: ParsedFile & { data: Data }, bytes: Uint8Array | string): ReportSource {
  // The body is parsed when first read: a compile in several threads reads here only the bodies of
  // its own share (the dashboards need the front matter of every incident, never the body).
  let body: Root | undefined;
  return {
    file: parsed.file, data: sanitizeData(parsed.data), sha256: sha256(bytes),
    get body() { return (body ??= finalizeTree(parseBody(parsed.body))); },
  };
}

/**
 * The latest moment recorded anywhere in the inputs: a deterministic "as of" when there is neither
 * a --generated-at nor a commit to take the time from.
 */
export function latestRecordedTime(sources: readonly { data: Data }[]): number | undefined {
  let best: number | undefined;
  const see = (v: unknown) => {
    const t = timeOf(v);
    if (t !== undefined && (best === undefined || t > best)) best = t;
  };
  for (const s of sources) {
    for (const v of Object.values(asRecord(get(s.data, 'timestamps')))) see(v);
    for (const e of asArray(s.data['timeline'])) see(asRecord(e)['at']);
    for (const e of asArray(s.data['phase_history'])) see(asRecord(e)['entered_at']);
  }
  return best;
}
