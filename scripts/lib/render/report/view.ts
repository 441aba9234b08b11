import type { Root, RootContent } from 'mdast';
import { asArray, asRecord, asString, type Data } from '../../model/access.ts';
import { labelBody, type BodySection, type LabelledBody } from './body-sections.ts';
import { allows, AUDIENCE_CEILING, isTlp, labelOf, maxTlp, tlpRank, type Audience, type Tlp } from './tlp.ts';

/** What the dashboards and checksums need of an incident: front matter and the hash of the file's bytes, no body. */
export interface ReportHeader {
  /** Repository-relative path of the incident file. */
  file: string;
  data: Data;
  /** sha256 (hex) of the incident file's bytes: the report's input hash. */
  sha256: string;
}

/** One incident as read for reporting: its header and parsed body. */
export interface ReportSource extends ReportHeader {
  body: Root;
}

export type Labelled<T> = { label: Tlp; value: T; withheld?: undefined } | { label: Tlp; withheld: true; value?: undefined };

export interface ViewSection {
  title: string;
  depth: number;
  label: Tlp;
  withheld: boolean;
  nodes: RootContent[];
  children: ViewSection[];
}

/**
 * What one audience may see of one incident. Built once per audience; the audience renderers read
 * only this, never the source, so nothing above the ceiling can reach them by mistake.
 */
export interface AudienceView {
  audience: Audience;
  ceiling: Tlp;
  id: string;
  file: string;
  sha256: string;
  recordLabel: Tlp;
  /** Front matter, when the record's own label is within the ceiling. */
  record?: Data;
  /** Timeline entries: each at the stricter of its own label and the record's. */
  timeline: Labelled<Data>[];
  /** Indicators: each at its own label (default: the record's). */
  indicators: Labelled<Data>[];
  preamble: RootContent[];
  sections: ViewSection[];
  /** Labels of what the renderers actually put in the report (they add to it as they go); the
   * report carries the highest of them. */
  used: Set<Tlp>;
}

export function buildView(src: ReportSource, audience: Audience): AudienceView {
  const recordLabel = labelOf(src.data['tlp']);
  const take = (label: Tlp): boolean => allows(audience, label);
  const recordVisible = take(recordLabel);
  const timeline = asArray(src.data['timeline']).map((raw): Labelled<Data> => {
    const e = asRecord(raw);
    const label = maxTlp([recordLabel, isTlp(e['tlp']) ? e['tlp'] : recordLabel]);
    return take(label) ? { label, value: e } : { label, withheld: true };
  });
  const indicators = asArray(src.data['indicators']).map((raw): Labelled<Data> => {
    const e = asRecord(raw);
    const label = e['tlp'] === undefined ? recordLabel : labelOf(e['tlp']);
    return take(label) ? { label, value: e } : { label, withheld: true };
  });
  const body = labelledBody(src.body, recordLabel);
  const viewSection = (s: BodySection): ViewSection => {
    if (!take(s.label)) return { title: s.title, depth: s.depth, label: s.label, withheld: true, nodes: [], children: [] };
    return { title: s.title, depth: s.depth, label: s.label, withheld: false, nodes: s.nodes, children: s.children.map(viewSection) };
  };
  const sections = body.sections.map(viewSection);
  return {
    audience, ceiling: AUDIENCE_CEILING[audience],
    id: asString(src.data['id']) ?? 'unknown', file: src.file, sha256: src.sha256,
    recordLabel,
    record: recordVisible ? src.data : undefined,
    timeline, indicators,
    preamble: recordVisible ? body.preamble : [],
    sections,
    // A report on a record it may not show still handles that record's existence: it is labelled
    // at least at the audience's ceiling (public statements stay TLP:CLEAR).
    used: new Set(recordVisible ? [recordLabel] : audience === 'public' ? [] : [AUDIENCE_CEILING[audience]]),
  };
}

/**
 * labelBody once per incident body, not once per audience (its audiences are rendered one after the
 * other; only the latest body is kept). Read only: views copy what they keep.
 */
function labelledBody(body: Root, recordLabel: Tlp): LabelledBody {
  if (labelled.body !== body || labelled.recordLabel !== recordLabel) labelled = { body, recordLabel, value: labelBody(body, recordLabel) };
  return labelled.value!;
}

let labelled: { body?: Root; recordLabel?: Tlp; value?: LabelledBody } = {};

/** Public statements are never made for these, whatever their sections say (issue 5, publish rule). */
export function neverPublic(label: Tlp): boolean {
  return tlpRank(label) >= tlpRank('TLP:AMBER+STRICT');
}
