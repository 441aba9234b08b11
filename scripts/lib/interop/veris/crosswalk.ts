/**
 * VERIS → our vocabularies (RSIT class/type, CISA attack vector, STIX incident types, detection
 * method, personal-data categories). One table per target, first matching row wins; the rows are
 * also what CROSSWALK.md documents (a test keeps the two in step). VERIS action categories:
 * hacking, malware, social, error, misuse, physical, environmental, unknown.
 */
export interface ActionRule<T> {
  /** VERIS action category. */
  action: string;
  /** Varieties that select the row; omitted: any variety of the category. */
  varieties?: readonly string[];
  /** Only when VERIS vectors include one of these. */
  vectors?: readonly string[];
  to: T;
}

export interface Rsit { class: string; type: string }

export const RSIT_RULES: readonly ActionRule<Rsit>[] = [
  { action: 'malware', varieties: ['Ransomware'], to: { class: 'information-content-security', type: 'unauthorised-information-modification' } },
  { action: 'hacking', varieties: ['DoS'], to: { class: 'availability', type: 'ddos' } },
  { action: 'social', varieties: ['Phishing'], to: { class: 'fraud', type: 'phishing' } },
  { action: 'social', varieties: ['Pretexting', 'Influence', 'Forgery'], to: { class: 'fraud', type: 'masquerade' } },
  { action: 'hacking', varieties: ['Use of stolen creds', 'Use of backdoor or C2'], to: { class: 'intrusions', type: 'unprivileged-account-compromise' } },
  { action: 'hacking', varieties: ['Brute force'], to: { class: 'intrusion-attempts', type: 'brute-force' } },
  { action: 'hacking', varieties: ['Exploit vuln', 'SQLi', 'Exploit misconfig', 'RFI', 'XSS', 'Path traversal'], to: { class: 'intrusions', type: 'application-compromise' } },
  { action: 'malware', to: { class: 'malicious-code', type: 'infected-system' } },
  { action: 'hacking', to: { class: 'intrusions', type: 'system-compromise' } },
  { action: 'social', to: { class: 'information-gathering', type: 'social-engineering' } },
  { action: 'misuse', varieties: ['Unapproved hardware', 'Unapproved software', 'Unapproved workaround', 'Net misuse', 'Email misuse', 'Illicit content'], to: { class: 'fraud', type: 'unauthorised-use-of-resources' } },
  { action: 'misuse', to: { class: 'information-content-security', type: 'unauthorised-information-access' } },
  { action: 'physical', varieties: ['Theft'], to: { class: 'information-content-security', type: 'data-loss' } },
  { action: 'physical', varieties: ['Skimmer', 'Tampering'], to: { class: 'information-content-security', type: 'unauthorised-information-access' } },
  { action: 'physical', to: { class: 'intrusions', type: 'burglary' } },
  { action: 'error', varieties: ['Loss'], to: { class: 'information-content-security', type: 'data-loss' } },
  { action: 'error', varieties: ['Misdelivery', 'Publishing error', 'Disposal error', 'Gaffe', 'Misconfiguration', 'Programming error'], to: { class: 'information-content-security', type: 'data-leak' } },
  { action: 'error', to: { class: 'availability', type: 'misconfiguration' } },
  { action: 'environmental', to: { class: 'availability', type: 'outage' } },
  { action: 'unknown', to: { class: 'other', type: 'undetermined' } },
];

/** CISA attack vector (Federal Incident Notification Guidelines). */
export const VECTOR_RULES: readonly ActionRule<string>[] = [
  { action: 'social', vectors: ['Email'], to: 'email-phishing' },
  { action: 'malware', vectors: ['Email', 'Email attachment', 'Email link', 'Email unknown'], to: 'email-phishing' },
  { action: 'malware', vectors: ['Removable media'], to: 'external-removable-media' },
  { action: 'hacking', varieties: ['Brute force', 'DoS'], to: 'attrition' },
  { action: 'hacking', vectors: ['Web application'], to: 'web' },
  { action: 'malware', vectors: ['Web download', 'Web drive-by'], to: 'web' },
  { action: 'social', varieties: ['Pretexting', 'Forgery', 'Influence'], to: 'impersonation-spoofing' },
  { action: 'physical', varieties: ['Theft'], to: 'loss-or-theft-of-equipment' },
  { action: 'error', varieties: ['Loss'], to: 'loss-or-theft-of-equipment' },
  { action: 'misuse', to: 'improper-usage' },
  { action: 'error', to: 'other' },
  { action: 'environmental', to: 'other' },
];

/** STIX incident-core `incident_types` (every matching row contributes). */
export const INCIDENT_TYPE_RULES: readonly ActionRule<string>[] = [
  { action: 'hacking', varieties: ['DoS'], to: 'denial-of-service' },
  { action: 'physical', varieties: ['Theft'], to: 'equipment-theft' },
  { action: 'error', varieties: ['Loss'], to: 'equipment-loss' },
  { action: 'misuse', varieties: ['Unapproved hardware'], to: 'unauthorized-equipment' },
  { action: 'misuse', to: 'unauthorized-use' },
  { action: 'malware', to: 'compromised-system' },
  { action: 'hacking', to: 'unauthorized-access' },
];

/** VERIS discovery_method (category, variety) → our detection_method and reporter kind. */
export interface Detection { method: string; kind: 'internal' | 'external' | 'partner' }
export const DISCOVERY_RULES: readonly { category: string; varieties?: readonly string[]; to: Detection }[] = [
  { category: 'external', varieties: ['Actor disclosure'], to: { method: 'message-from-attacker', kind: 'external' } },
  { category: 'external', varieties: ['Law enforcement'], to: { method: 'law-enforcement', kind: 'external' } },
  { category: 'external', to: { method: 'third-party-notification', kind: 'external' } },
  { category: 'partner', to: { method: 'third-party-notification', kind: 'partner' } },
  { category: 'internal', varieties: ['Antivirus', 'NIDS', 'HIDS', 'Data loss prevention', 'Security alarm', 'Infrastructure monitoring', 'Fraud detection'], to: { method: 'automated-tool', kind: 'internal' } },
  { category: 'internal', varieties: ['Reported by employee', 'Reported by user', 'Reported by employee or user'], to: { method: 'user-reporting', kind: 'internal' } },
  { category: 'internal', to: { method: 'human-review', kind: 'internal' } },
];
/** discovery_method `unknown` / `other`: the schema requires a method, so the least specific one. */
export const DISCOVERY_FALLBACK: Detection = { method: 'human-review', kind: 'external' };

/** VERIS attribute.confidentiality.data.variety → personal_data.categories. */
export const DATA_CATEGORY: Readonly<Record<string, string>> = {
  Personal: 'identifiers', Medical: 'health', Bank: 'financial', Payment: 'financial',
  Credentials: 'credentials', 'Sensitive Personal': 'special-category',
};

/** VERIS data varieties that make the incident a privacy (personal-data) breach. */
export const PERSONAL_VARIETIES: ReadonlySet<string> = new Set(['Personal', 'Medical', 'Bank', 'Payment', 'Sensitive Personal', 'Credentials']);
/** VERIS data varieties that are proprietary information (CISA information impact). */
export const PROPRIETARY_VARIETIES: ReadonlySet<string> = new Set(['Internal', 'Secrets', 'Source code', 'Classified', 'Copyrighted', 'System']);

/** security_incident ↔ determination (STIX incident-core). */
export const DETERMINATION: Readonly<Record<string, string>> = {
  Confirmed: 'successful-attempt', Suspected: 'suspected', 'Near miss': 'blocked', 'False positive': 'false-positive',
};
export const SECURITY_INCIDENT: Readonly<Record<string, string>> = {
  'successful-attempt': 'Confirmed', suspected: 'Suspected', blocked: 'Near miss', 'failed-attempt': 'Near miss',
  'false-positive': 'False positive', 'low-value': 'Suspected',
};

/** impact.overall_rating ↔ severity (sev1 highest). */
export const SEVERITY: Readonly<Record<string, string>> = {
  Catastrophic: 'sev1', Damaging: 'sev2', Painful: 'sev3', Distracting: 'sev4', Insignificant: 'sev4',
};
export const OVERALL_RATING: Readonly<Record<string, string>> = { sev1: 'Catastrophic', sev2: 'Damaging', sev3: 'Painful', sev4: 'Distracting' };

/** Our RSIT class back to a VERIS action category (export of incidents that were never VERIS). */
export const ACTION_OF_CLASS: Readonly<Record<string, string>> = {
  'malicious-code': 'malware', 'intrusions': 'hacking', 'intrusion-attempts': 'hacking', availability: 'hacking',
  fraud: 'social', 'information-gathering': 'social', 'information-content-security': 'misuse',
  'abusive-content': 'misuse', vulnerable: 'error', other: 'unknown', test: 'unknown',
};

export function firstMatch<T>(rules: readonly ActionRule<T>[], action: Record<string, unknown>): T | undefined {
  return allMatches(rules, action)[0];
}

export function allMatches<T>(rules: readonly ActionRule<T>[], action: Record<string, unknown>): T[] {
  const out: T[] = [];
  for (const rule of rules) {
    const block = action[rule.action];
    if (!block || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    const varieties = strings(b['variety']);
    const vectors = strings(b['vector']);
    if (rule.varieties && !rule.varieties.some((v) => varieties.includes(v))) continue;
    if (rule.vectors && !rule.vectors.some((v) => vectors.includes(v))) continue;
    out.push(rule.to);
  }
  return out;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}
