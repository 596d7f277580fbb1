import { InvalidArgumentError } from '../../errors.js';
import { type ContentLine, parseContentLine } from '../content-lines.js';
import { maxComponents, maxDepth, maxEvents, maxLineLength, maxTextLength } from './limits.js';
import { type ProblemList, quote } from './problems.js';

/** One iCalendar component (VCALENDAR, VEVENT, VTIMEZONE, STANDARD…) with its properties. */
export interface Component {
  readonly name: string;
  readonly properties: ContentLine[];
  readonly children: Component[];
}

/**
 * Splits calendar text into its components, without recursion (a stack holds the open
 * ones), so no nesting depth can overflow the call stack. Lines outside any component,
 * unbalanced END lines, components nested deeper than `maxDepth` and over-long lines are
 * problems; whatever is well-formed is kept.
 *
 * @throws {InvalidArgumentError} at `text` when it is not a string or over a size cap
 */
export function parseComponents(text: unknown, problems: ProblemList): Component[] {
  if (typeof text !== 'string') throw new InvalidArgumentError('text', 'expected iCalendar text (a string)');
  if (text.length > maxTextLength) throw new InvalidArgumentError('text', `is ${text.length} characters long; the most calendar import reads is ${maxTextLength}`);
  const roots: Component[] = [];
  const open: Component[] = [];
  let skippedDepth = 0; // components open beyond maxDepth, read past without keeping
  let components = 0;
  let events = 0;
  for (const raw of unfoldLines(text)) {
    if (raw.length > maxLineLength) {
      problems.add(uidOf(open), 'VCALENDAR', `a content line of ${raw.length} characters is longer than ${maxLineLength}; skipped`);
      continue;
    }
    const line = parseContentLine(raw);
    if (line === undefined) {
      problems.add(uidOf(open), 'VCALENDAR', `${quote(raw)} is not a content line; skipped`);
      continue;
    }
    if (line.name === 'BEGIN') {
      const name = line.value.trim().toUpperCase();
      if (skippedDepth > 0 || open.length >= maxDepth) {
        if (skippedDepth++ === 0) problems.add(uidOf(open), name, `nested deeper than ${maxDepth} components; skipped`);
        continue;
      }
      if (++components > maxComponents) throw new InvalidArgumentError('text', `has more than ${maxComponents} components`);
      if (name === 'VEVENT' && ++events > maxEvents) throw new InvalidArgumentError('text', `has more than ${maxEvents} events`);
      const component: Component = { name, properties: [], children: [] };
      (open.length === 0 ? roots : open[open.length - 1]!.children).push(component);
      open.push(component);
    } else if (line.name === 'END') {
      if (skippedDepth > 0) skippedDepth--;
      else if (open.length > 0 && open[open.length - 1]!.name === line.value.trim().toUpperCase()) open.pop();
      else problems.add(uidOf(open), 'VCALENDAR', `END:${quote(line.value).slice(1, -1)} does not close the open component; skipped`);
    } else if (skippedDepth === 0) {
      if (open.length === 0) problems.add('', line.name, 'is outside any component; skipped');
      else open[open.length - 1]!.properties.push(line);
    }
  }
  for (const component of open) problems.add(uidOfComponent(component), component.name, 'has no END line; read as if it ended with the text');
  return roots;
}

/** Unfolded lines (RFC 5545 §3.1: a line break and one space or tab continue a line). */
function unfoldLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function uidOf(open: readonly Component[]): string {
  for (let i = open.length - 1; i >= 0; i--) {
    const uid = uidOfComponent(open[i]!);
    if (uid !== '') return uid;
  }
  return '';
}

function uidOfComponent(component: Component): string {
  return component.properties.find((property) => property.name === 'UID')?.value ?? '';
}

/** The first property called `name`, if any. */
export function property(component: Component, name: string): ContentLine | undefined {
  return component.properties.find((line) => line.name === name);
}

/** Every property called `name`. */
export function properties(component: Component, name: string): ContentLine[] {
  return component.properties.filter((line) => line.name === name);
}
