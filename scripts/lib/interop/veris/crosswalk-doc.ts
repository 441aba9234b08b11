import {
  DATA_CATEGORY, DETERMINATION, DISCOVERY_FALLBACK, DISCOVERY_RULES, INCIDENT_TYPE_RULES, RSIT_RULES, SEVERITY, VECTOR_RULES, type ActionRule,
} from './crosswalk.ts';

/**
 * The crosswalk tables of CROSSWALK.md, rendered from the rules the importer runs (a test keeps
 * the committed document equal to this output). Regenerate: npx tsx scripts/lib/interop/veris/crosswalk-doc.ts --write
 */
export function crosswalkTables(): string {
  const when = (r: ActionRule<unknown>) => [
    `\`${r.action}\``,
    r.varieties ? r.varieties.join(', ') : 'any',
    r.vectors ? r.vectors.join(', ') : 'any',
  ];
  const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return [
    '### VERIS action → RSIT category (first matching row wins)',
    '',
    table(['VERIS action', 'variety', 'vector', 'RSIT class', 'RSIT type'], RSIT_RULES.map((r) => [...when(r), `\`${r.to.class}\``, `\`${r.to.type}\``])),
    '',
    '### VERIS action → CISA attack vector (first matching row wins; none: `unknown`)',
    '',
    table(['VERIS action', 'variety', 'vector', 'attack_vector'], VECTOR_RULES.map((r) => [...when(r), `\`${r.to}\``])),
    '',
    '### VERIS action → STIX incident-core `incident_types` (every matching row; plus `unauthorized-release` when `data_disclosure` is Yes)',
    '',
    table(['VERIS action', 'variety', 'vector', 'incident_types'], INCIDENT_TYPE_RULES.map((r) => [...when(r), `\`${r.to}\``])),
    '',
    '### VERIS discovery_method → detection_method and reporter.kind',
    '',
    table(['VERIS discovery_method', 'variety', 'detection_method', 'reporter.kind'], [
      ...DISCOVERY_RULES.map((r) => [`\`${r.category}\``, r.varieties ? r.varieties.join(', ') : 'any', `\`${r.to.method}\``, `\`${r.to.kind}\``]),
      ['`unknown` / `other`', '', `\`${DISCOVERY_FALLBACK.method}\` (notice)`, `\`${DISCOVERY_FALLBACK.kind}\``],
    ]),
    '',
    '### Other value maps',
    '',
    table(['VERIS field', 'VERIS value', 'incident field', 'value'], [
      ...Object.entries(DETERMINATION).map(([k, v]) => ['`security_incident`', k, '`determination`', `\`${v}\``]),
      ...Object.entries(SEVERITY).map(([k, v]) => ['`impact.overall_rating`', k, '`severity`', `\`${v}\``]),
      ...Object.entries(DATA_CATEGORY).map(([k, v]) => ['`attribute.confidentiality.data.variety`', k, '`personal_data.categories`', `\`${v}\``]),
    ]),
  ].join('\n');
}

export const GENERATED_START = '<!-- crosswalk tables: generated from crosswalk.ts, do not edit by hand -->';
export const GENERATED_END = '<!-- end of generated tables -->';

if (process.argv[1] && /crosswalk-doc\.ts$/.test(process.argv[1]) && process.argv.includes('--write')) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { PACKAGE_ROOT } = await import('../../io/shipped-schemas.ts');
  const path = join(PACKAGE_ROOT, 'scripts', 'lib', 'interop', 'CROSSWALK.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(GENERATED_START);
  const end = text.indexOf(GENERATED_END);
  writeFileSync(path, `${text.slice(0, start + GENERATED_START.length)}\n\n${crosswalkTables()}\n\n${text.slice(end)}`);
}
