/** Strips ANSI colour codes so padding counts visible characters only. */
const visible = (cell: string): number => cell.replace(/\u001b\[\d+m/g, '').length;

/**
 * Formats rows as a kubectl-style table: upper-case headers, columns separated by three spaces,
 * no borders, trailing spaces trimmed.
 *
 * @example formatTable(['NAME', 'AGE'], [['web', '3d']])
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => visible(row[i] ?? ''))));
  const lines = all.map((row) =>
    row.map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(cell)))).join('   ').trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}
