import type { Diagnostic, Position } from '../model/diagnostic.ts';
import { parseYamlFast } from './yaml-fast.ts';
import { parseYamlPositional, type PositionalYaml } from './yaml-positional.ts';

export interface YamlRead {
  value: unknown;
  diagnostics: Diagnostic[];
  locate(pointer: string, which: 'key' | 'value'): Position;
}

/**
 * YAML text (incident front matter, settings) read the fast way when it is clean; the positional
 * reader runs only when the fast readers bail or a position is asked for, and its verdict and
 * positions are authoritative. May throw RangeError on pathological nesting (callers bound it).
 */
export function readYaml(file: string, yaml: string, startLine: number): YamlRead {
  let positional: PositionalYaml | undefined;
  const getPositional = () => (positional ??= parseYamlPositional(file, yaml, startLine));
  const locate = (pointer: string, which: 'key' | 'value') => getPositional().locate(pointer, which);
  const fast = parseYamlFast(yaml);
  if (fast.ok) return { value: fast.value, diagnostics: [], locate };
  return { value: getPositional().value, diagnostics: [...getPositional().diagnostics], locate };
}
