/**
 * TLP 2.0 labels, their order, and what each report audience may receive. Redaction is decided here
 * and nowhere else: renderers only ever see a view built with these rules (view.ts).
 */
export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export function isTlp(v: unknown): v is Tlp {
  return typeof v === 'string' && (TLP_LABELS as readonly string[]).includes(v);
}

export function tlpRank(label: Tlp): number {
  return TLP_LABELS.indexOf(label);
}

export function maxTlp(labels: Iterable<Tlp>): Tlp {
  let best: Tlp = 'TLP:CLEAR';
  for (const l of labels) if (tlpRank(l) > tlpRank(best)) best = l;
  return best;
}

/** A label that is missing or unknown counts as TLP:RED: an unlabelled record is never shared by accident. */
export function labelOf(v: unknown): Tlp {
  return isTlp(v) ? v : 'TLP:RED';
}

export const AUDIENCES = ['executive', 'regulator', 'insurer', 'internal', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

export function isAudience(v: unknown): v is Audience {
  return typeof v === 'string' && (AUDIENCES as readonly string[]).includes(v);
}

/**
 * The highest label each audience may receive, and why. TLP:AMBER+STRICT means "the recipient's
 * organisation only": executives are inside it; a regulator or insurer receiving the organisation's
 * own account under a legal or contractual duty is a named recipient organisation, and the report
 * they get carries the label, so they may not pass it on. TLP:RED ("named individuals only, in the
 * meeting") never leaves the internal record. The public gets TLP:CLEAR only.
 */
export const AUDIENCE_CEILING: Readonly<Record<Audience, Tlp>> = {
  executive: 'TLP:AMBER+STRICT',
  regulator: 'TLP:AMBER+STRICT',
  insurer: 'TLP:AMBER+STRICT',
  internal: 'TLP:RED',
  public: 'TLP:CLEAR',
};

export function allows(audience: Audience, label: Tlp): boolean {
  return tlpRank(label) <= tlpRank(AUDIENCE_CEILING[audience]);
}

/** The visible marker left where material above the audience's ceiling was removed. */
export function withheldText(label: Tlp | string): string {
  return `[withheld: ${label}]`;
}

/** What the label asks of the reader (FIRST TLP 2.0 wording, shortened). */
export const TLP_GUIDANCE: Readonly<Record<Tlp, string>> = {
  'TLP:CLEAR': 'Disclosure is not limited.',
  'TLP:GREEN': 'Limited disclosure: may be shared within the recipient\'s community, not published.',
  'TLP:AMBER': 'Limited disclosure: recipients may share on a need-to-know basis within their organisation and its clients.',
  'TLP:AMBER+STRICT': 'Limited disclosure: recipients may share on a need-to-know basis within their organisation only.',
  'TLP:RED': 'For the eyes and ears of individual recipients only; no further disclosure.',
};
