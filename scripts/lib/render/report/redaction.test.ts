import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { planReports } from './compile.ts';
import { reportSource } from './sources.ts';
import { fixedContext } from './test-support.ts';
import { AUDIENCES, maxTlp, tlpRank, type Audience, type Tlp } from './tlp.ts';

/** The policy, written out independently of tlp.ts so a change there cannot move the goalposts. */
const CEILING: Record<Audience, Tlp> = {
  public: 'TLP:CLEAR', executive: 'TLP:AMBER+STRICT', regulator: 'TLP:AMBER+STRICT', insurer: 'TLP:AMBER+STRICT', internal: 'TLP:RED',
};

/**
 * Plants a unique token in every text field and body section of incidents at every label, compiles
 * every audience and the dashboards to real files, then scans each file: a token may only appear in
 * files whose audience ceiling is at or above the label of the place it was planted.
 */
const SECRET = 'AKIAIOSFODNN7EXAMPLE';
let n = 0;
const planted = new Map<string, Tlp>();
function tok(label: Tlp): string {
  const t = `ZZ${label.slice(4).replace('+', '')}${String(++n).padStart(3, '0')}ZZ`;
  planted.set(t, label);
  return t;
}

function incident(id: string, rec: Tlp): string {
  const R = () => tok(rec);
  const at = (l: Tlp) => tok(maxTlp([rec, l]));
  return `---
schema_version: "1.0"
id: ${id}
title: Title ${R()}
phase: final-report
phase_history:
  - { phase: detection, entered_at: 2026-10-01T08:00:00Z, by: ${R()} }
  - { phase: final-report, entered_at: 2026-10-05T08:00:00Z, by: ${R()}, reason: ${R()} }
tlp: ${rec}
determination: successful-attempt
disposition_rationale: ${R()}
detection_method: automated-tool
reporter: { name: ${R()}, contact: ${R()}, kind: automated }
owner: ${R()}
responders: [{ name: ${R()}, role: dpo }]
contacts: { dpo: ${R()}, legal: ${R()} }
timestamps:
  occurred_at: 2026-10-01T07:00:00Z
  detected_at: 2026-10-01T07:30:00Z
  acknowledged_at: 2026-10-01T08:00:00Z
  aware_at: 2026-10-01T09:00:00Z
  contained_at: 2026-10-01T10:00:00Z
  recovered_at: 2026-10-01T12:00:00Z
  resolved_at: 2026-10-04T12:00:00Z
severity: sev2
category: { class: intrusions, type: ${R()} }
attack_techniques: [${R()}]
scope: { systems: [${R()}], services: [${R()}], jurisdictions: [DE], member_states_impacted: [${R()}], cross_border: "yes" }
personal_data: { involved: "yes", role: controller, categories: [contact], subjects_final: 10, risk: risk, risk_rationale: ${R()} }
dora: { major: true }
recurring: true
recurring_with: [${R()}]
regimes:
  - { id: gdpr-art33, applicable: "yes", rationale: ${R()}, decided_by: ${R()}, decided_at: 2026-10-01T09:00:00Z }
  - { id: nis2-final, applicable: "yes", rationale: ${R()}, decided_by: ${R()}, decided_at: 2026-10-01T09:00:00Z }
  - { id: dora-final, applicable: "yes", rationale: ${R()}, decided_by: ${R()}, decided_at: 2026-10-01T09:00:00Z }
  - { id: other-regime, applicable: "yes", rationale: ${R()}, decided_by: ${R()}, decided_at: 2026-10-01T09:00:00Z }
notifications:
  - { regime_id: gdpr-art33, stage: initial, recipient: ${R()}, sent_at: 2026-10-02T09:00:00Z, reference: ${R()}, channel: ${R()}, sent_by: ${R()} }
  - { stakeholder: insurer, stage: insurer-fnol, recipient: ${R()}, sent_at: 2026-10-02T10:00:00Z, late_reason: ${R()} }
timeline:
  - { at: 2026-10-01T07:30:00Z, by: ${R()}, kind: observation, entry: "${R()}" }
  - { at: 2026-10-01T08:00:00Z, by: x, kind: decision, entry: "${at('TLP:AMBER')}", tlp: TLP:AMBER }
  - { at: 2026-10-01T08:10:00Z, by: x, kind: decision, entry: "${at('TLP:AMBER+STRICT')}", tlp: TLP:AMBER+STRICT }
  - { at: 2026-10-01T08:20:00Z, by: x, kind: action, entry: "${at('TLP:RED')}", tlp: TLP:RED }
  - { at: 2026-10-01T08:30:00Z, by: x, kind: action, entry: "${at('TLP:RED')}", tlp: TLP:RED }
  - { at: 2026-10-01T08:40:00Z, by: x, kind: action, entry: "Rotated key ${SECRET}" }
indicators:
  - { type: domain, value: ${tok('TLP:RED')}.example, tlp: TLP:RED, description: ${tok('TLP:RED')} }
  - { type: domain, value: ${tok('TLP:AMBER')}.example, tlp: TLP:AMBER }
  - { type: domain, value: ${tok('TLP:AMBER+STRICT')}.example, tlp: TLP:AMBER+STRICT }
  - { type: domain, value: ${R()}.example }
evidence:
  - { id: EV-1, description: ${R()}, location: ${R()}, sha256: ${'a'.repeat(64)}, collected_by: ${R()}, collected_at: 2026-10-01T11:00:00Z, custody: [{ from: ${R()}, to: ${R()}, at: 2026-10-01T12:00:00Z, note: ${R()} }] }
actions:
  - { phase: containment, action: ${R()}, at: 2026-10-01T10:00:00Z, by: ${R()} }
root_cause: { category: malicious-actions, summary: ${R()} }
costs: { currency: EUR, direct: 100, by_category: { ${R()}: 5 } }
insurance: { carrier: ${R()}, policy_id: ${R()}, claim_number: ${R()}, panel_vendors: [${R()}], consents: [{ for: ${R()}, at: 2026-10-02T00:00:00Z }] }
law_enforcement: { notified: true, agency: ${R()}, reference: ${R()} }
ransom: { demanded: true, paid: false, currency: ${R()} }
lessons_learned: { meeting_at: 2026-10-06T00:00:00Z, participants: [${R()}], went_well: [${R()}], went_wrong: [${R()}], got_lucky: [${R()}], nist_questions: { q1: ${R()} } }
action_items:
  - { id: AI-1, description: ${R()}, type: prevent, owner: ${R()}, due: 2026-11-01, status: open, tracker_url: "https://tracker.example/${R()}" }
  - { id: AI-2, description: ${R()}, type: prevent, owner: ${R()}, due: 2026-11-01, status: open, tracker_url: "javascript:alert(42)" }
x-org: { note: ${R()} }
---

Preamble ${R()}

Pasted by mistake: ${SECRET} and [a link](https://user:${SECRET}@example.com/).

## Summary

Summary ${R()} with \`code ${R()}\` and [a link ${R()}](https://example.com/${R()}).

## Public statement
<!-- tlp: TLP:CLEAR -->

Statement ${tok('TLP:CLEAR')}.

<!-- Subsections whose markers are not in the one accepted form: each fails closed. -->

### Containment
<!-- tlp: TLP:RED (legal hold) -->

Extra text in the marker fails closed: ${tok('TLP:RED')}

### Recovery
<!-- tlp: TLP:RED --><!-- reviewed -->

A second comment on the line fails closed: ${tok('TLP:RED')}

### Eradication
<!-- tlp: TLP: RED -->

A space in the label fails closed: ${tok('TLP:RED')}

### Affected systems

The marker further down still counts: ${tok('TLP:RED')}

<!-- tlp: TLP:RED -->

### Quoted

> <!-- tlp: TLP:RED -->

A marker inside a quote fails closed: ${tok('TLP:RED')}

### Heading line <!-- tlp: TLP:RED -->

A marker on the heading line fails closed: ${tok('TLP:RED')}

### Multi-line
<!--
tlp: TLP:CLEAR
-->

A marker over several lines fails closed: ${tok('TLP:RED')}

### Extra dashes
<!--- tlp: TLP:RED --->

Extra dashes fail closed: ${tok('TLP:RED')}

### Four dashes
<!---- tlp: TLP:RED ---->

Four dashes fail closed: ${tok('TLP:RED')}

### Classification comment

A comment naming a label anywhere fails closed: ${tok('TLP:RED')}

<!-- classification: TLP:RED -->

### Entity
&lt;!-- tlp: TLP:RED --&gt;

An escaped marker renders as text and fails closed: ${tok('TLP:RED')}

### Detail under the statement
<!-- tlp: TLP:RED -->

Nested ${tok('TLP:RED')}.

## Scope

Scope ${R()}

### Sub ${R()}
<!-- tlp: TLP:AMBER+STRICT -->

Sub ${tok('TLP:AMBER+STRICT')}

## Impact
<!-- tlp: TLP:RED -->

Impact ${tok('TLP:RED')}

### Child inherits RED

Child ${tok('TLP:RED')}

## Investigation
<!-- tlp: TLP:WHITE -->

Unreadable marker counts as RED: ${tok('TLP:RED')}

## Root cause ${tok('TLP:RED')}
<!-- tlp: TLP:RED -->

Root ${tok('TLP:RED')}

## Lessons learned
<!-- tlp: TLP:AMBER -->

Lessons ${tok('TLP:AMBER')}

## Organisation heading ${R()}

Other ${R()}
`;
}

const LABELS: Tlp[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const ids = ['INC-20261001-AAA1', 'INC-20261001-AAA2', 'INC-20261001-AAA3', 'INC-20261001-AAA4', 'INC-20261001-AAA5'];
let dir: string;
let outputs: { path: string; audience: Audience; text: string }[];

function audienceOf(path: string): Audience {
  if (path.startsWith('public/')) return 'public';
  const m = /^INC-[^/]+\/(executive|regulator|insurer|internal)\./.exec(path);
  return m ? (m[1] as Audience) : 'internal';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redaction-'));
  const sources = LABELS.map((label, i) => {
    const text = incident(ids[i]!, label);
    // The file name's slug comes from the title, so it carries the record's label too.
    const parsed = parseIncidentFile(`incidents/2026/${ids[i]}-${tok(label).toLowerCase()}.md`, text);
    expect(parsed.diagnostics).toEqual([]);
    return reportSource(parsed as typeof parsed & { data: Record<string, unknown> }, text);
  });
  const plan = planReports(sources, fixedContext(), { audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true });
  for (const f of plan) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.content);
  }
  const walk = (d: string): string[] => readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
  outputs = walk(dir).map((abs) => {
    const path = relative(dir, abs).split('\\').join('/');
    return { path, audience: audienceOf(path), text: readFileSync(abs, 'utf8') };
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TLP redaction over every output file', () => {
  it('writes reports for every audience below internal (so the scan has something to scan)', () => {
    for (const a of AUDIENCES) expect(outputs.some((o) => o.audience === a && o.path.startsWith(a === 'public' ? 'public/INC-' : 'INC-')), a).toBe(true);
  });

  it('no file carries a token planted above its audience ceiling', () => {
    const leaks: string[] = [];
    for (const o of outputs) {
      for (const m of o.text.matchAll(/ZZ(?:CLEAR|GREEN|AMBERSTRICT|AMBER|RED)\d{3}ZZ/gi)) {
        const label = planted.get(m[0].toUpperCase());
        expect(label, `unknown token ${m[0]}`).toBeDefined();
        if (tlpRank(label!) > tlpRank(CEILING[o.audience])) leaks.push(`${o.path}: ${m[0]} (${label})`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('each report is labelled at least as high as everything it contains', () => {
    const under: string[] = [];
    for (const o of outputs.filter((x) => /^(INC-[^/]+\/[a-z]+|public\/INC-[^/]+)\.md$/.test(x.path))) {
      const label = /^`(TLP:[A-Z+]+)`/.exec(o.text)?.[1] as Tlp | undefined;
      expect(label, o.path).toBeDefined();
      for (const m of o.text.matchAll(/ZZ(?:CLEAR|GREEN|AMBERSTRICT|AMBER|RED)\d{3}ZZ/gi)) {
        if (tlpRank(planted.get(m[0].toUpperCase())!) > tlpRank(label!)) under.push(`${o.path} labelled ${label} holds ${m[0]}`);
      }
    }
    expect(under).toEqual([]);
  });

  it('a tracker_url that is not http(s) never becomes a link (javascript: in an action item)', () => {
    expect(outputs.filter((o) => /javascript:/i.test(o.text)).map((o) => o.path)).toEqual([]);
    expect(outputs.find((o) => o.path === `${ids[0]}/internal.html`)!.text).toContain('href="https://tracker.example/');
  });

  it('no file of any audience, internal included, carries text that looks like a credential', () => {
    expect(outputs.filter((o) => o.text.includes(SECRET)).map((o) => o.path)).toEqual([]);
    expect(outputs.find((o) => o.path === `${ids[0]}/internal.md`)!.text).toContain('withheld: looks like a secret');
  });

  it('the internal reports do carry the planted material (the scan has teeth)', () => {
    const internal = outputs.filter((o) => o.path.endsWith('/internal.md')).map((o) => o.text).join('\n');
    for (const label of LABELS) {
      const some = [...planted].filter(([, l]) => l === label).map(([t]) => t);
      expect(some.some((t) => internal.includes(t)), label).toBe(true);
    }
  });

  it('lower audiences show a visible [withheld: TLP:…] marker where material was removed', () => {
    const exec = outputs.find((o) => o.path === `${ids[2]}/executive.md`)!;
    expect(exec.text).toContain('`[withheld: TLP:RED]`');
    const html = outputs.find((o) => o.path === `${ids[2]}/regulator.html`)!;
    expect(html.text).toContain('<span class="withheld">[withheld: TLP:RED]</span>');
  });

  it('public statements exist only for CLEAR, GREEN and AMBER records, and carry their TLP:CLEAR statement', () => {
    const statements = outputs.filter((o) => /^public\/INC-.*\.md$/.test(o.path)).map((o) => o.path).sort();
    expect(statements).toEqual([`public/${ids[0]}.md`, `public/${ids[1]}.md`, `public/${ids[2]}.md`]);
    const clearTokens = [...planted].filter(([, l]) => l === 'TLP:CLEAR').map(([t]) => t);
    for (const s of statements) expect(clearTokens.some((t) => outputs.find((o) => o.path === s)!.text.includes(t))).toBe(true);
  });

  it('no public file mentions an AMBER+STRICT or RED incident at all', () => {
    for (const o of outputs.filter((x) => x.path.startsWith('public/'))) {
      expect(o.text.includes(ids[3]!), o.path).toBe(false);
      expect(o.text.includes(ids[4]!), o.path).toBe(false);
    }
  });
});
