/** ANSI styling that is a no-op when colour is off. */
export interface Palette {
  red: (text: string) => string;
  yellow: (text: string) => string;
  green: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string): string => text;

/**
 * Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (https://no-color.org).
 *
 * @example palette({ isTTY: true }, {}).red('error')
 */
export function palette(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Palette {
  const on = stream.isTTY === true && !env.NO_COLOR;
  if (!on) return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain };
  return { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
}
