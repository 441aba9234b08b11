/**
 * A deterministic synthetic incident repository for benchmarks (validate, check, report).
 *
 * Same seed and count → byte-identical files, on any machine and in any time zone (no wall clock,
 * no Math.random). Every incident is valid against the shipped schema and the gates of the phases
 * it has left (synthetic.test.ts checks a sample), about 1.8 KB on average, spread over the phases
 * an active repository holds most: just detected, in preliminary analysis, logged, and closed
 * through the false-positive / low-value shortcut.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface SyntheticOptions {
  /** Number of incidents (default 10,000). */
  count?: number;
  /** PRNG seed (default 20261203). */
  seed?: number;
}

export interface SyntheticIncident {
  /** Repository-relative path, e.g. `incidents/2025/INC-20250314-0K3F-phishing-finance.md`. */
  path: string;
  id: string;
  phase: SyntheticPhase;
  text: string;
}

export type SyntheticPhase = 'detection' | 'preliminary-analysis' | 'logging' | 'closed';

export const DEFAULT_SYNTHETIC_COUNT = 10_000;
export const DEFAULT_SYNTHETIC_SEED = 20261203;

/** mulberry32: tiny, fast, good enough for test data, and identical everywhere. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PEOPLE = ['a.ng', 's.varga', 'm.okafor', 'r.haddad', 'c.moreau', 'l.brandt', 'j.kowalski', 'p.nair', 'e.lindqvist', 't.wilk'];
const REPORTERS = [
  { name: 'SOC on-call', kind: 'internal', contact: 'soc@northwind-energy.example' },
  { name: 'EDR console', kind: 'automated', contact: 'edr@northwind-energy.example' },
  { name: 'Service desk', kind: 'internal', contact: 'servicedesk@northwind-energy.example' },
  { name: 'CERT partner feed', kind: 'partner', contact: 'feed@cert-partner.example' },
  { name: 'External researcher', kind: 'external', contact: 'disclosure@researcher.example' },
];
const DETECTION = ['automated-tool', 'human-review', 'user-reporting', 'third-party-notification', 'system-outage'];
const TLPS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'];
const SYSTEMS = ['mail-gw-01', 'vpn-edge-02', 'fs-ham-01', 'crm-prod', 'payroll-saas', 'ad-dc-03', 'web-portal', 'laptop-fleet'];
const SERVICES = ['email', 'remote-access', 'file-share', 'customer-portal', 'payroll', 'directory'];
const COUNTRIES = ['DE', 'FR', 'NL', 'PL', 'SE', 'IE', 'AT'];

interface Theme {
  slug: string;
  title: string;
  category: [string, string];
  vector: string;
  summary: string;
  scope: string;
  impact: string;
}

const THEMES: readonly Theme[] = [
  { slug: 'phishing-finance', title: 'Payroll-themed phishing email reported by finance staff', category: ['fraud', 'phishing'], vector: 'email-phishing',
    summary: 'Several members of the finance team received an email imitating the payroll provider, linking to a look-alike sign-in page. One recipient reported it through the Report Phishing button; we are checking who clicked.',
    scope: 'Mailboxes of the finance department on the mail gateway; no other departments received the campaign.',
    impact: 'No service impact. Credentials of one user may have been entered; the account was reset as a precaution.' },
  { slug: 'vpn-brute-force', title: 'Password spraying against the VPN gateway', category: ['intrusion-attempts', 'brute-force'], vector: 'attrition',
    summary: 'The VPN gateway logged thousands of failed sign-ins for many accounts from a small set of hosting-provider addresses. Rate limiting held; no sign-in succeeded according to the gateway logs.',
    scope: 'The external VPN gateway and the directory accounts that were targeted.',
    impact: 'Minor: sign-in latency rose for remote staff during the peak. No account was compromised.' },
  { slug: 'lost-laptop', title: 'Company laptop lost on a business trip', category: ['information-content-security', 'data-loss'], vector: 'loss-or-theft-of-equipment',
    summary: 'An employee reported that their company laptop was left on a train. The disk is encrypted and the device was last seen by the management console two hours before the loss.',
    scope: 'One laptop from the managed fleet; the user mailbox and file-share access were revoked.',
    impact: 'Low: the disk is encrypted and the device was wiped remotely once it came online.' },
  { slug: 'malware-workstation', title: 'Commodity malware detected on a workstation', category: ['malicious-code', 'infected-system'], vector: 'web',
    summary: 'The EDR console quarantined a loader on one workstation after a drive-by download from a compromised news site. The host was isolated within minutes.',
    scope: 'One workstation in the customer-service team; no lateral movement seen so far.',
    impact: 'One employee without a workstation for half a day while the host was reimaged.' },
  { slug: 'exposed-bucket', title: 'Storage bucket with export files briefly public', category: ['information-content-security', 'unauthorised-information-access'], vector: 'improper-usage',
    summary: 'A partner reported that a storage bucket used for CRM exports allowed anonymous listing. The policy was corrected the same hour; access logs are being reviewed.',
    scope: 'One storage bucket holding weekly CRM export files.',
    impact: 'Possible exposure of customer contact data; access logs show no downloads outside our own ranges so far.' },
];

const ALERT_NOTE = 'Alert triaged by the on-call analyst; false positives from this rule are common after patch days.';

/** Generates `count` incidents, one at a time (nothing is held in memory). */
export function* syntheticIncidents(options: SyntheticOptions = {}): Generator<SyntheticIncident> {
  const count = options.count ?? DEFAULT_SYNTHETIC_COUNT;
  const rng = createRng(options.seed ?? DEFAULT_SYNTHETIC_SEED);
  for (let i = 0; i < count; i++) yield syntheticIncident(rng, i);
}

/** Writes the repository under `root` (incidents/<year>/...); returns the file count and bytes. */
export async function writeSyntheticRepo(root: string, options: SyntheticOptions = {}): Promise<{ files: number; bytes: number; paths: string[] }> {
  const made = new Set<string>();
  const paths: string[] = [];
  let bytes = 0;
  let batch: Promise<void>[] = [];
  for (const inc of syntheticIncidents(options)) {
    const abs = join(root, inc.path);
    const dir = dirname(abs);
    if (!made.has(dir)) { await mkdir(dir, { recursive: true }); made.add(dir); }
    batch.push(writeFile(abs, inc.text));
    paths.push(inc.path);
    bytes += Buffer.byteLength(inc.text);
    if (batch.length >= 256) { await Promise.all(batch); batch = []; }
  }
  await Promise.all(batch);
  return { files: paths.length, bytes, paths };
}

function idSuffix(i: number): string {
  // A bijective scramble of the index over 32^4 values: unique, yet not sequential-looking.
  let n = (i * 740_021 + 12_345) % 1_048_576;
  let s = '';
  for (let k = 0; k < 4; k++) { s = CROCKFORD[n % 32]! + s; n = Math.floor(n / 32); }
  return s;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function syntheticIncident(rng: Rng, i: number): SyntheticIncident {
  const phase: SyntheticPhase = pickPhase(rng());
  const theme = pick(rng, THEMES);
  // Detection between 2024-01-01 and ~2026-11: minutes resolution.
  const detected = Date.UTC(2024, 0, 1) + int(rng, 0, 1_030 * 24 * 60) * 60_000;
  const day = iso(detected).slice(0, 10).replace(/-/g, '');
  const id = `INC-${day}-${idSuffix(i)}`;
  const year = iso(detected).slice(0, 4);
  const owner = pick(rng, PEOPLE);
  const scribe = pick(rng, PEOPLE.filter((p) => p !== owner));
  const reporter = pick(rng, REPORTERS);
  const step = (n: number) => detected + n * 60_000;
  const reported = step(int(rng, 0, 20));
  const acknowledged = reported + int(rng, 1, 45) * 60_000;
  const declared = acknowledged + int(rng, 10, 120) * 60_000;
  const aware = declared + int(rng, 0, 90) * 60_000;
  const closedAt = aware + int(rng, 60, 2_000) * 60_000;
  const tlp = pick(rng, TLPS);
  const country = pick(rng, COUNTRIES);
  const system = pick(rng, SYSTEMS);
  const service = pick(rng, SERVICES);
  const determination = phase === 'closed' ? pick(rng, ['false-positive', 'low-value']) : phase === 'detection' ? 'suspected' : pick(rng, ['suspected', 'successful-attempt', 'failed-attempt', 'blocked']);

  const history: [string, number][] = [['detection', acknowledged]];
  if (phase !== 'detection') history.push(['preliminary-analysis', declared]);
  if (phase === 'logging') history.push(['logging', closedAt]);
  if (phase === 'closed') history.push(['closed', closedAt]);

  const fm: string[] = [
    '---',
    'schema_version: "1.0"',
    `id: ${id}`,
    `title: ${theme.title} (${system})`,
    `phase: ${phase}`,
    'phase_history:',
    ...history.map(([p, t]) => `  - { phase: ${p}, entered_at: ${iso(t)}, by: ${owner}${p === 'closed' ? ', reason: "Closed through the preliminary-analysis shortcut."' : ''} }`),
    `tlp: "${tlp}"`,
    `determination: ${determination}`,
    ...(phase === 'closed' ? [
      `disposition: not-an-incident:${determination === 'false-positive' ? 'faulty-indicator' : 'refuted'}`,
      `disposition_rationale: ${ALERT_NOTE}`,
    ] : []),
    `detection_method: ${pick(rng, DETECTION)}`,
    'reporter:',
    `  name: ${reporter.name}`,
    `  contact: ${reporter.contact}`,
    `  kind: ${reporter.kind}`,
    `owner: ${owner}`,
    'responders:',
    `  - { name: ${owner}, role: ic }`,
    `  - { name: ${scribe}, role: scribe }`,
    'timestamps:',
    `  detected_at: ${iso(detected)}`,
    `  reported_at: ${iso(reported)}`,
    `  acknowledged_at: ${iso(acknowledged)}`,
  ];
  if (phase !== 'detection') {
    fm.push(`  declared_at: ${iso(declared)}`, `  aware_at: ${iso(aware)}`);
    if (phase === 'closed') fm.push(`  closed_at: ${iso(closedAt)}`);
    fm.push(
      `severity: sev${int(rng, 2, 4)}`,
      `category: { class: ${theme.category[0]}, type: ${theme.category[1]} }`,
      'impact:',
      `  functional: ${pick(rng, ['no-impact', 'no-impact-to-services', 'minimal-impact-to-non-critical-services'])}`,
      `  information: [${pick(rng, ['no-impact', 'suspected-but-not-identified'])}]`,
      '  recoverability: regular',
      `attack_vector: ${theme.vector}`,
      `suspected_malicious: "${pick(rng, ['yes', 'no', 'unknown'])}"`,
      'scope:',
      `  systems: [${system}]`,
      `  services: [${service}]`,
      `  jurisdictions: [${country}]`,
      '  cross_border: "no"',
      'personal_data:',
      '  involved: "no"',
      'regimes:',
      '  - id: gdpr-art33',
      '    applicable: "no"',
      '    rationale: No personal data affected according to the preliminary analysis.',
      '    decided_by: dpo',
      `    decided_at: ${iso(aware)}`,
    );
  }
  const timeline: [number, string, string, string][] = [
    [detected, reporter.kind === 'automated' ? 'edr' : owner, 'observation', `${theme.title} first observed on ${system}.`],
    [acknowledged, owner, 'decision', 'Acknowledged; triage started.'],
  ];
  if (phase !== 'detection') timeline.push([declared, owner, 'decision', 'Declared for preliminary analysis.']);
  if (phase === 'closed') timeline.push([closedAt, owner, 'decision', `Closed as ${determination}.`]);
  fm.push('timeline:', ...timeline.map(([t, by, kind, entry]) => `  - { at: ${iso(t)}, by: ${by}, kind: ${kind}, entry: "${entry}" }`));
  if (phase === 'logging') {
    fm.push('evidence:',
      `  - { id: EV-1, description: "Gateway and EDR logs for ${system}", location: "s3://forensics/${id}/logs.tar.zst" }`);
  }
  fm.push('---');

  const body: string[] = ['', '## Summary', '', theme.summary, ''];
  if (phase === 'detection') {
    body.push('## Scope', '', 'TODO', '', '## Impact', '', 'TODO', '');
  } else {
    body.push('## Scope', '', theme.scope, '', '## Impact', '', theme.impact, '');
    if (phase === 'logging') body.push('## Timeline', '', 'See the front-matter timeline; log exports are in EV-1.', '');
  }
  return { path: `incidents/${year}/${id}-${theme.slug}.md`, id, phase, text: fm.join('\n') + '\n' + body.join('\n') };
}

function pickPhase(r: number): SyntheticPhase {
  return r < 0.35 ? 'detection' : r < 0.65 ? 'preliminary-analysis' : r < 0.8 ? 'logging' : 'closed';
}
