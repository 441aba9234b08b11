import { incidentText } from './incident-text.ts';
import type { Tree } from './tree.ts';

export interface PlannedFile { id: string; source: string; path: string; text: string }

/** Where an imported incident goes: `<out>/<yyyy>/<id>-<slug>.md` (the id starts the file name). */
export function planFiles(incidents: readonly { id: string; frontMatter: Tree; body: string; source: string }[], outDir: string): PlannedFile[] {
  const dir = outDir.replace(/\/+$/, '') || '.';
  return incidents.map((i) => ({
    id: i.id, source: i.source,
    path: `${dir}/${i.id.slice(4, 8)}/${i.id}-${slug(String(i.frontMatter['title'] ?? ''))}.md`,
    text: incidentText(i.frontMatter, i.body),
  }));
}

/** Lower-case ASCII words joined by dashes, at most 48 characters. */
export function slug(title: string): string {
  const s = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const cut = s.length > 48 ? s.slice(0, 48).replace(/-[^-]*$/, '') : s;
  return cut || 'imported';
}
