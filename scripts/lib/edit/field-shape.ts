/**
 * What kind of answer a front-matter field takes, read from the JSON Schema, so `advance` can offer
 * to fill a missing field with the right question: a choice, a time, a line of text or a number.
 * Lists and mappings are not "simple" and are left to the editor.
 */
export type FieldShape =
  | { kind: 'enum'; values: string[] }
  | { kind: 'time' }
  | { kind: 'text'; minLength?: number; pattern?: string }
  | { kind: 'integer' }
  | { kind: 'other' };

type S = Record<string, unknown>;

export function fieldShape(schema: S, dotted: string): FieldShape {
  let node: S | undefined = schema;
  for (const key of dotted.split('.')) {
    node = deref(schema, node);
    const props = node?.['properties'] as Record<string, S> | undefined;
    node = props?.[key];
    if (!node) return { kind: 'other' };
  }
  const leaf = deref(schema, node);
  if (!leaf) return { kind: 'other' };
  if (Array.isArray(leaf['enum']) && leaf['enum'].every((v) => typeof v === 'string')) return { kind: 'enum', values: leaf['enum'] as string[] };
  if (leaf['type'] === 'string' && leaf['format'] === 'date-time') return { kind: 'time' };
  if (leaf['type'] === 'string') {
    return { kind: 'text', ...(typeof leaf['minLength'] === 'number' ? { minLength: leaf['minLength'] } : {}), ...(typeof leaf['pattern'] === 'string' ? { pattern: leaf['pattern'] } : {}) };
  }
  if (leaf['type'] === 'integer') return { kind: 'integer' };
  return { kind: 'other' };
}

function deref(root: S, node: S | undefined): S | undefined {
  let cur = node;
  for (let i = 0; cur && typeof cur['$ref'] === 'string' && i < 8; i++) {
    const ref = cur['$ref'] as string;
    if (!ref.startsWith('#/')) return undefined;
    cur = ref.slice(2).split('/').reduce<S | undefined>((acc, k) => acc?.[k] as S | undefined, root);
  }
  return cur;
}
