/**
 * Case 15 (ajv#1295): the shipped schemas compile in ajv strict mode with ajv-formats registered,
 * and a schema naming a format nobody registered is a fatal configuration error — never a warning
 * with the format silently skipped.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { readShippedJson } from '../io/shipped-schemas.ts';
import { createAjv } from './ajv.ts';
import { Validator } from './validator.ts';

const incidentSchema = () => readShippedJson('schemas/incident.schema.json') as Record<string, unknown>;

describe('ajv configuration', () => {
  it('runs in strict mode with every error collected', () => {
    const ajv = createAjv();
    expect(ajv.opts.strict).toBe(true);
    expect(ajv.opts.allErrors).toBe(true);
  });

  it('compiles the shipped incident and lifecycle schemas in strict mode', () => {
    expect(() => createAjv().compile(incidentSchema())).not.toThrow();
    expect(() => createAjv().compile(readShippedJson('schemas/lifecycle.schema.json') as object)).not.toThrow();
  });

  it('needs ajv-formats for the shipped schema: plain strict ajv refuses it (so formats are really checked)', () => {
    expect(() => new Ajv2020({ strict: true, allowUnionTypes: true, strictRequired: false }).compile(incidentSchema())).toThrow(/unknown format "date-time"/);
  });

  it('checks format date-time: "yesterday" fails, an RFC 3339 time passes', () => {
    const validate = createAjv().compile({ type: 'string', format: 'date-time' });
    expect(validate('yesterday')).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('format');
    expect(validate('2026-12-03T09:30:00Z')).toBe(true);
  });

  it('treats an unknown format as a fatal configuration error', () => {
    const schema = { type: 'object', properties: { detected_at: { type: 'string', format: 'date-time-ish' } } };
    expect(() => createAjv().compile(schema)).toThrow(/unknown format "date-time-ish"/);
    expect(() => new Validator({ schema, lifecycle: shippedLifecycle() })).toThrow(/unknown format "date-time-ish"/);
  });

  it('treats an unknown keyword as a fatal configuration error', () => {
    expect(() => createAjv().compile({ type: 'string', formatt: 'date-time' })).toThrow(/unknown keyword/);
  });
});
