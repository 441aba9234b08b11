import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';

// Test support: GitHub's published REST description (@octokit/openapi, OpenAPI 3.0.3) loaded once,
// with ajv validators for an operation's parameters, request body and response bodies. The fake
// GitHub server checks every exchange against it, so our client code is tested against the
// contract GitHub publishes, not against our own idea of it.

type Json = Record<string, unknown>;
type AnyAjv = InstanceType<typeof AjvModule.default>;
const Ajv = AjvModule.default;
type AddFormats = (ajv: AnyAjv, opts: { mode: 'full' | 'fast' }) => AnyAjv;
const addFormats = ((formatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default.default
  ?? (formatsModule as unknown as { default: AddFormats }).default);

const SPEC_ID = 'https://api.github.com/openapi.json';

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  op: Json;
  parameters: Json[];
}

export class OpenApi {
  readonly spec: Json;
  private readonly ajv: AnyAjv;
  private readonly queryAjv: AnyAjv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    const require = createRequire(import.meta.url);
    this.spec = nullableWithoutType(JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Json) as Json;
    // strict off: the description uses OpenAPI keywords (nullable, discriminator, example, x-github)
    // that are not JSON Schema; ajv understands `nullable` natively.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv, { mode: 'full' });
    this.ajv.addSchema({ ...this.spec, $id: SPEC_ID });
    this.queryAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array' });
    addFormats(this.queryAjv, { mode: 'full' });
    this.queryAjv.addSchema({ ...this.spec, $id: SPEC_ID });
  }

  operation(method: string, template: string): Operation {
    const item = (this.spec['paths'] as Record<string, Json>)[template];
    const op = item?.[method.toLowerCase()] as Json | undefined;
    if (!item || !op) throw new Error(`OpenAPI has no ${method} ${template}`);
    const parameters = [...((item['parameters'] as Json[]) ?? []), ...((op['parameters'] as Json[]) ?? [])].map((p) => this.deref(p));
    return { method: method.toUpperCase(), template, operationId: String(op['operationId']), op, parameters };
  }

  /** Follows local `$ref`s (`#/components/...`). */
  deref(node: Json): Json {
    let cur = node;
    for (let i = 0; typeof cur['$ref'] === 'string' && i < 10; i++) {
      const parts = (cur['$ref'] as string).replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      cur = parts.reduce<Json>((o, k) => o[k] as Json, this.spec);
    }
    return cur;
  }

  /** Problems with path + query parameters (query values arrive as strings; coerced like GitHub does). */
  checkParams(op: Operation, path: Record<string, string>, query: Record<string, string>): string[] {
    const problems: string[] = [];
    for (const where of ['path', 'query'] as const) {
      const given = where === 'path' ? path : query;
      const declared = op.parameters.filter((p) => p['in'] === where);
      const props: Json = {};
      const required: string[] = [];
      declared.forEach((p, i) => {
        props[String(p['name'])] = { $ref: `${SPEC_ID}#${this.pointerOf(op, p, i)}` };
        if (p['required']) required.push(String(p['name']));
      });
      for (const k of Object.keys(given)) if (!(k in props)) problems.push(`${where} parameter \`${k}\` is not declared for ${op.operationId}`);
      const known = Object.fromEntries(Object.entries(given).filter(([k]) => k in props));
      const schema = { type: 'object', properties: props, required };
      const v = this.queryAjv.compile(schema);
      if (!v({ ...known })) problems.push(`${where} parameters of ${op.operationId}: ${this.queryAjv.errorsText(v.errors)}`);
    }
    return problems;
  }

  checkRequestBody(op: Operation, body: unknown): string[] {
    const rb = op.op['requestBody'] ? this.deref(op.op['requestBody'] as Json) : undefined;
    if (!rb) return body === undefined ? [] : [`${op.operationId} takes no request body`];
    if (body === undefined) return rb['required'] ? [`${op.operationId} requires a request body`] : [];
    return this.run(`${this.opPointer(op)}/requestBody/content/application~1json/schema`, body, `request body of ${op.operationId}`);
  }

  /** Problems with a response; statuses the operation does not document must be GitHub's basic-error. */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const responses = op.op['responses'] as Json;
    const documented = responses[String(status)] ? this.deref(responses[String(status)] as Json) : undefined;
    if (!documented) {
      if (status >= 400) return this.run('#/components/schemas/basic-error', body, `${status} error of ${op.operationId}`);
      return [`${op.operationId} does not document status ${status}`];
    }
    const content = documented['content'] as Json | undefined;
    if (!content || !content['application/json']) return body === undefined ? [] : [`${op.operationId} ${status} has no body`];
    const ref = responses[String(status)] as Json;
    const base = typeof ref['$ref'] === 'string' ? String(ref['$ref']).slice(1) : `${this.opPointer(op)}/responses/${status}`;
    return this.run(`${base}/content/application~1json/schema`, body, `${status} response of ${op.operationId}`);
  }

  private opPointer(op: Operation): string {
    return `/paths/${escapePointer(op.template)}/${op.method.toLowerCase()}`;
  }

  private pointerOf(op: Operation, param: Json, _i: number): string {
    // Parameters are compared by identity with the (dereferenced) declarations to find their schema.
    const item = (this.spec['paths'] as Record<string, Json>)[op.template]!;
    for (const [where, list] of [['', item['parameters']], [`/${op.method.toLowerCase()}`, (item[op.method.toLowerCase()] as Json)['parameters']]] as const) {
      const arr = (list as Json[] | undefined) ?? [];
      for (let j = 0; j < arr.length; j++) {
        const raw = arr[j]!;
        if (this.deref(raw) === param) {
          if (typeof raw['$ref'] === 'string') return `${String(raw['$ref']).slice(1)}/schema`;
          return `/paths/${escapePointer(op.template)}${where}/parameters/${j}/schema`;
        }
      }
    }
    throw new Error(`parameter ${String(param['name'])} not found`);
  }

  private run(pointer: string, data: unknown, what: string): string[] {
    const key = pointer.startsWith('#') ? pointer.slice(1) : pointer;
    let v = this.cache.get(key);
    if (!v) {
      v = this.ajv.compile({ $ref: `${SPEC_ID}#${key.split('/').map((s) => encodeURIComponent(s)).join('/')}` });
      this.cache.set(key, v);
    }
    if (v(data)) return [];
    return [`${what}: ${this.ajv.errorsText((v.errors ?? []).slice(0, 5), { separator: '; ' })}`];
  }

  /** A minimal valid instance of a component schema: every required property, nullable ones null. */
  sample(component: string): Json {
    return this.sampleOf(this.deref({ $ref: `#/components/schemas/${component}` }), 0) as Json;
  }

  private sampleOf(schema: Json, depth: number): unknown {
    const s = this.deref(schema);
    if (Array.isArray(s['allOf'])) return Object.assign({}, ...(s['allOf'] as Json[]).map((x) => this.sampleOf(x, depth)));
    const alt = (s['oneOf'] ?? s['anyOf']) as Json[] | undefined;
    if (alt) return this.sampleOf(alt[0]!, depth);
    if (s['nullable'] && depth > 0) return null;
    if (Array.isArray(s['enum'])) return s['enum'][0];
    switch (s['type']) {
      case 'object': {
        const out: Json = {};
        const props = (s['properties'] ?? {}) as Record<string, Json>;
        for (const k of (s['required'] as string[] | undefined) ?? []) out[k] = props[k] ? this.sampleOf(props[k], depth + 1) : {};
        return out;
      }
      case 'array': return [];
      case 'integer': case 'number': return 1;
      case 'boolean': return false;
      case 'string':
        switch (s['format']) {
          case 'uri': return 'https://github.example/sample';
          case 'date-time': return '2026-01-01T00:00:00Z';
          case 'email': return 'sample@example.invalid';
          default: return 'sample';
        }
      default: return {};
    }
  }
}

/**
 * OpenAPI 3.0 allows `nullable: true` next to `oneOf`/`anyOf` without `type`; ajv only accepts it
 * beside `type`. Rewrites those nodes to `anyOf: [<the rest>, {type: null}]` (same meaning).
 */
function nullableWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableWithoutType);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = nullableWithoutType(v);
  // OpenAPI 3.0: `nullable` admits null even next to an enum that does not list it.
  if (out['nullable'] === true && Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  if (out['nullable'] === true && out['type'] === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

let shared: OpenApi | undefined;
/** The description is 13 MB: load it once per test process. */
export function openApi(): OpenApi {
  shared ??= new OpenApi();
  return shared;
}
