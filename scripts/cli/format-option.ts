import { Option } from 'commander';

export type OutputFormat = 'human' | 'json' | 'github';

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['human', 'json', 'github']).default('human');
}
