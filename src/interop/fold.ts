import { InvalidArgumentError } from '../errors.js';

/**
 * iCalendar text rules (RFC 5545 §3.1, §3.3.11): lines of at most 75 octets, longer ones
 * folded with CRLF and a space, never inside a UTF-8 character; TEXT values escaped.
 */
export function foldLine(line: string): string {
  if (line.length <= 18) return line; // at most 4 octets a character: 18 characters fit
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Size(char.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines begin with a space
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Octets of a code point in UTF-8; a lone surrogate is written as U+FFFD, 3 octets. */
function utf8Size(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Line breaks of every kind: CRLF, CR, LF, NEL, and the Unicode line and paragraph separators. */
const lineBreaks = /\r\n|[\r\n\u0085\u2028\u2029]/g;

export interface TextValueOptions {
  /** The option the text came from, named in errors, e.g. `summary`. */
  readonly field: string;
  /** Most characters. */
  readonly maxChars: number;
  /** Write line breaks as `\n` (a multi-line summary); otherwise they are refused. */
  readonly lineBreaks: boolean;
  /** Whose text it is, appended to errors, e.g. `for series "standup"`. */
  readonly subject?: string;
}

/**
 * A TEXT value escaped for a content line (`\\`, `\;`, `\,`, line breaks as `\n`), after
 * checking it holds no other control character: a bare CR or LF reaching the output would
 * end the line and let the text inject properties, and no escape exists for the rest.
 *
 * @throws {InvalidArgumentError} at `field` for a control character (named by code point and index) or a text longer than `maxChars`
 */
export function textValue(text: string, { field, maxChars, lineBreaks: allowLineBreaks, subject }: TextValueOptions): string {
  const of = subject === undefined ? '' : ` ${subject}`;
  if (text.length > maxChars) throw new InvalidArgumentError(field, `is ${text.length} characters long${of}; at most ${maxChars} are allowed`);
  const index = firstControl(text, allowLineBreaks);
  if (index >= 0) {
    const code = `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
    const note = allowLineBreaks ? ' (line breaks are written as \\n)' : '';
    throw new InvalidArgumentError(field, `holds the control character ${code} at index ${index}${of}; iCalendar TEXT cannot carry it${note}`);
  }
  return escapeText(allowLineBreaks ? text.replace(lineBreaks, '\n') : text);
}

/** Index of the first control character TEXT cannot hold (HTAB it can; line breaks when allowed), or -1. */
function firstControl(text: string, allowLineBreaks: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isBreak = c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (isBreak ? !allowLineBreaks : (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}
