import { Option } from 'commander';
import { stringify } from 'yaml';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** The `-o, --output table|json|yaml` option, as kubectl and velero spell it. */
export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']).default('table');
}

/**
 * Serializes a command's result: JSON or YAML of the data for programs, or the given table view for
 * people. Durations and other value objects serialize through their `toJSON`.
 */
export function formatOutput(format: OutputFormat, data: unknown, table: () => string): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  if (format === 'yaml') return stringify(JSON.parse(JSON.stringify(data)) as unknown);
  return table();
}
