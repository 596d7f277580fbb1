/**
 * RFC 5545 content lines: unfolding (a line break followed by a space or tab continues
 * the previous line), and splitting `NAME;PARAM=VALUE:value` into its parts.
 */

export interface ContentLine {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  /** The whole (unfolded) line, for messages. */
  readonly text: string;
}

export function unfold(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Splits a content line; a bare `FREQ=…` line reads as an RRULE. Undefined when malformed. */
export function parseContentLine(text: string): ContentLine | undefined {
  if (/^FREQ=/i.test(text)) return { name: 'RRULE', params: new Map(), value: text, text };
  const colon = indexOfValueColon(text);
  if (colon < 0) return undefined;
  const [name, ...rawParams] = text.slice(0, colon).split(';');
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    if (eq < 1) return undefined;
    params.set(param.slice(0, eq).toUpperCase(), param.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
  }
  return { name: name!.toUpperCase(), params, value: text.slice(colon + 1), text };
}

/** The colon that starts the value: the first one outside a quoted parameter value. */
function indexOfValueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) return i;
  }
  return -1;
}
