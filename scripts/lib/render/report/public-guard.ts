import { neverPublic } from './view.ts';
import { isTlp } from './tlp.ts';

/**
 * Second line of defence before anything is published: reads only the compiled output (the internal
 * index.json and the files under public/) and lists every reason the public subset must not go out.
 * `incident report` already never writes such files; this guards against a bug, a stale folder or
 * a hand edit between compile and deploy.
 */
export interface PublicFile { path: string; text: string }

const ALLOWED = /^(?:index\.html|index\.json|SHA256SUMS|(INC-[A-Za-z0-9._-]+)\.(?:md|html|pdf))$/;

export function publicSubsetProblems(index: { incidents?: { id?: unknown; tlp?: unknown }[] }, files: readonly PublicFile[]): string[] {
  const problems: string[] = [];
  const labels = new Map<string, string>();
  for (const i of index.incidents ?? []) if (typeof i.id === 'string') labels.set(i.id, typeof i.tlp === 'string' ? i.tlp : '');
  const secret = [...labels].filter(([, tlp]) => !isTlp(tlp) || neverPublic(tlp)).map(([id]) => id);
  for (const f of files) {
    const m = ALLOWED.exec(f.path);
    if (!m) { problems.push(`public/${f.path}: not a file the report compiler writes there`); continue; }
    const id = m[1];
    if (id) {
      const tlp = labels.get(id);
      if (tlp === undefined) problems.push(`public/${f.path}: incident ${id} is not in index.json`);
      else if (!isTlp(tlp) || neverPublic(tlp)) problems.push(`public/${f.path}: incident ${id} is ${tlp || 'unlabelled'} and must never be published`);
      if (f.path.endsWith('.md') && !f.text.startsWith('`TLP:CLEAR`')) problems.push(`public/${f.path}: not labelled TLP:CLEAR`);
      if (f.path.endsWith('.html') && !f.text.includes('class="tlp tlp-clear"')) problems.push(`public/${f.path}: not labelled TLP:CLEAR`);
    }
    if (!f.path.endsWith('.pdf')) for (const s of secret) if (f.text.includes(s)) problems.push(`public/${f.path}: mentions ${s}, which must never be published`);
    if (f.path.endsWith('.html') && /<script|<iframe|<img\s|https?:\/\/[^"'\s]*\.(?:js|css)\b/i.test(f.text)) problems.push(`public/${f.path}: contains markup that loads or runs something`);
  }
  return problems.sort();
}
