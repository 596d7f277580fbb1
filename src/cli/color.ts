/** ANSI styles that vanish when colour is off, so output stays plain in pipes and files. */
export interface Palette {
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly error: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function palette(color: boolean): Palette {
  return color
    ? { dim: wrap(2, 22), bold: wrap(1, 22), warn: wrap(33, 39), error: wrap(31, 39) }
    : { dim: plain, bold: plain, warn: plain, error: plain };
}
