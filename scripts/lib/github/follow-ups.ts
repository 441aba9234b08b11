import { asArray, asRecord, asString, isPresent, type Data } from '../model/access.ts';
import { isRedTlp } from '../validate/redaction.ts';
import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';
import { indexMarkedIssues } from './issue-index.ts';
import { escapeInline } from './markdown-escape.ts';

export const FOLLOW_UP_LABEL = 'incident-follow-up';
const MARKER_RE = /<!-- incident-ledger:follow-up INC-[0-9A-Z-]+\/AI-[0-9]{1,4} -->/;

export function followUpMarker(incident: string, item: string): string {
  return `<!-- incident-ledger:follow-up ${incident}/${item} -->`;
}

export interface PlannedFollowUp { incident: string; item: string; file: string; marker: string; title: string; body: string }

/**
 * One issue per action item of an incident in the feedback phase that has no `tracker_url` yet.
 * TLP:RED and TLP:AMBER+STRICT incidents get an issue that names the item but does not copy its
 * text (issues may be seen by a wider audience than the record).
 */
export function planFollowUps(incidents: ReadonlyArray<{ file: string; data: Data }>, repoUrl: string): PlannedFollowUp[] {
  const out: PlannedFollowUp[] = [];
  for (const { file, data } of incidents) {
    if (data['phase'] !== 'feedback') continue;
    const id = asString(data['id']);
    if (!id || !/^INC-[0-9A-Z-]+$/.test(id)) continue;
    const restricted = isRedTlp(data['tlp']) || data['tlp'] === 'TLP:AMBER+STRICT';
    for (const raw of asArray(data['action_items'])) {
      const it = asRecord(raw);
      const item = asString(it['id']);
      if (!item || !/^AI-[0-9]{1,4}$/.test(item) || isPresent(it['tracker_url'])) continue;
      const description = asString(it['description']) ?? '';
      const marker = followUpMarker(id, item);
      const title = restricted ? `${id} ${item}: follow-up action (restricted incident)` : `${id} ${item}: ${oneLine(description, 120)}`;
      const lines = [
        marker,
        `Follow-up action **${item}** from the lessons learned of incident **${id}** ([record](${repoUrl}/blob/HEAD/${file.split('/').map(encodeURIComponent).join('/')})).`,
        '',
        restricted ? '_The incident is restricted (TLP); read the action item in the record._' : `> ${escapeInline(description, 2000)}`,
        '',
        `| type | owner | due | status |`,
        `|---|---|---|---|`,
        `| ${escapeInline(String(it['type'] ?? '—'))} | ${escapeInline(String(it['owner'] ?? '—'))} | ${escapeInline(String(it['due'] ?? '—'))} | ${escapeInline(String(it['status'] ?? '—'))} |`,
        '',
        `Add this issue's URL as \`tracker_url\` of ${item} in the incident file.`,
      ];
      out.push({ incident: id, item, file, marker, title, body: lines.join('\n') });
    }
  }
  return out.sort((a, b) => (a.marker < b.marker ? -1 : a.marker > b.marker ? 1 : 0));
}

export interface FollowUpLink { incident: string; item: string; issue: number; url: string; state: string; created: boolean }

/** Creates the planned issues that do not exist yet (found by marker, open or closed). */
export async function applyFollowUps(gh: GithubClient, repo: RepoRef, planned: readonly PlannedFollowUp[]): Promise<FollowUpLink[]> {
  if (!planned.length) return [];
  const known = await indexMarkedIssues(gh, repo, MARKER_RE);
  const out: FollowUpLink[] = [];
  for (const p of planned) {
    const hit = known.get(p.marker);
    if (hit) {
      out.push({ incident: p.incident, item: p.item, issue: hit.number, url: hit.url, state: hit.state, created: false });
      continue;
    }
    const { data } = await gh.rest.issues.create({ ...repo, title: p.title, body: p.body, labels: [FOLLOW_UP_LABEL] });
    out.push({ incident: p.incident, item: p.item, issue: data.number, url: data.html_url, state: data.state, created: true });
  }
  return out;
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
