import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError, limits, toICalendar } from '../../src/index.js';
import { invalidArgument } from '../support/thrown.js';

const lunch = defineSeries({ id: 'lunch', timezone: 'Europe/Berlin', start: '2025-03-03', startTime: '12:00', endTime: '13:00', repeat: { freq: 'daily', count: 3 } });
const moved = defineSeries({ ...lunch, id: 'moved', overrides: { '2025-03-04T12:00': { startTime: '14:00' } } });

/**
 * A naive reader: breaks lines on CR, LF or CRLF (as `fromRRule`'s own unfold and many
 * hand-written parsers do), unfolds, and lists each VEVENT's properties. Anything a summary
 * smuggled in as a raw line break would show up here as an extra property or event.
 */
function naiveEvents(text: string): Array<Array<[string, string]>> {
  const lines = text.split(/\r\n|\r|\n/);
  const unfolded: string[] = [];
  for (const line of lines) {
    if (line.startsWith(' ') && unfolded.length > 0) unfolded[unfolded.length - 1] += line.slice(1);
    else if (line !== '') unfolded.push(line);
  }
  const events: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> | undefined;
  for (const line of unfolded) {
    if (line === 'BEGIN:VEVENT') events.push((current = []));
    else if (line === 'END:VEVENT') current = undefined;
    else if (current !== undefined) {
      const colon = line.indexOf(':');
      current.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
  }
  return events;
}

/** RFC 5545 TEXT unescaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** What a summary should read back as: every kind of line break becomes `\n`. */
const asWritten = (summary: string) => summary.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n');

const hostileSummaries = [
  'Lunch\rEND:VEVENT\rBEGIN:VEVENT\rUID:injected@evil\rSUMMARY:pwned',
  'Lunch\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected@evil',
  'Lunch\r\nDTSTART:19700101T000000Z',
  'Lunch\u2028ATTENDEE:mailto:x@y\u2029and\u0085more',
  'a;b,c\\d:e"f',
  `${'é'.repeat(60)}\r${'🙂'.repeat(30)}`,
  '\r\r\n\n',
];

describe('toICalendar: no control character reaches the output raw', () => {
  it('hostile summaries read back, by ical.js and by a reader that breaks lines on bare CR, as exactly the events written', () => {
    const series = [lunch, moved];
    for (const summary of hostileSummaries) {
      const text = toICalendar(series, { summary: () => summary });
      // No raw control character but the CRLF line ends (and the space of a fold).
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/);

      const naive = naiveEvents(text);
      expect(naive).toHaveLength(3); // lunch, moved, and moved's moved occurrence
      for (const event of naive) {
        const names = event.map(([name]) => name.split(';')[0]);
        expect(names.filter((name) => name === 'SUMMARY')).toHaveLength(1);
        expect(names.filter((name) => name === 'UID')).toHaveLength(1);
        expect(names.every((name) => /^[A-Z-]+$/.test(name!))).toBe(true);
        expect(unescapeText(event.find(([name]) => name === 'SUMMARY')![1])).toBe(asWritten(summary));
      }

      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events.map((event) => event.getFirstPropertyValue('uid'))).toEqual(['lunch@timeblocks', 'moved@timeblocks', 'moved@timeblocks']);
      for (const event of events) expect(event.getFirstPropertyValue('summary')).toBe(asWritten(summary));
    }
  });

  it('a summary with another control character is refused, naming summary, the character and the series', () => {
    const error = invalidArgument(() => toICalendar([lunch], { summary: () => 'Lunch\u0007bell' }));
    expect(error.field).toBe('summary');
    expect(error.message).toBe(
      'summary: holds the control character U+0007 at index 5 for series "lunch"; iCalendar TEXT cannot carry it (line breaks are written as \\n)',
    );
    for (const control of ['\u0000', '\u001b', '\u007f', '\u0090', '\u009b']) {
      expect(invalidArgument(() => toICalendar([lunch], { summary: () => `x${control}` })).field).toBe('summary');
    }
    expect(toICalendar([lunch], { summary: () => 'tab\there' })).toContain('SUMMARY:tab\there');
  });

  it('prodId and uidDomain refuse every control character, line breaks included', () => {
    for (const field of ['prodId', 'uidDomain'] as const) {
      for (const bad of ['a\rb', 'a\nb', 'a\u0085b', 'a\u2028b', 'a\u0001b']) {
        const error = invalidArgument(() => toICalendar([lunch], { [field]: bad }));
        expect(error.field).toBe(field);
        expect(error.message).toMatch(/holds the control character U\+[0-9A-F]{4} at index 1; iCalendar TEXT cannot carry it$/);
      }
    }
    const text = toICalendar([lunch], { prodId: '-//a;b,c//EN', uidDomain: 'example.com' });
    expect(text).toContain('PRODID:-//a\\;b\\,c//EN\r\n');
    expect(text).toContain('UID:lunch@example.com\r\n');
  });

  it('TEXT options have size caps', () => {
    expect(invalidArgument(() => toICalendar([lunch], { summary: () => 'x'.repeat(limits.summaryChars + 1) })).message).toMatch(
      /summary: is 10001 characters long for series "lunch"; at most 10000 are allowed/,
    );
    expect(invalidArgument(() => toICalendar([lunch], { prodId: 'x'.repeat(limits.icalOptionChars + 1) })).field).toBe('prodId');
  });

  it('20 000 moved occurrences are written without overflowing the stack', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const overrides = Object.fromEntries(keys.map((date) => [`${date}T12:00`, { startTime: '14:00' }]));
    const many = (id: string) => defineSeries({ id, timezone: 'UTC', start: '2025-01-01', startTime: '12:00', duration: 'PT1H', repeat: { freq: 'daily' }, overrides });
    const text = toICalendar([many('a'), many('b')]);
    expect(text.match(/\r\nRECURRENCE-ID/g)).toHaveLength(20_000);
  });

  it('property: any summary is refused (InvalidArgumentError naming summary) or read back exactly by ical.js and a CR-splitting reader', () => {
    const pieces = fc.constantFrom('\r', '\n', '\r\n', '\u0085', '\u2028', '\u2029', ';', ',', '\\', ':', '"', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:x', ' ', '\t', 'é', '🙂', 'a', '\u0007', '\u009b', '\u202e');
    const summaries = fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(summaries, (summary) => {
        let text: string;
        try {
          text = toICalendar([lunch], { summary: () => summary });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as InvalidArgumentError).field).toBe('summary');
          expect(summary).toMatch(/[\u0007\u009b]/);
          return;
        }
        const naive = naiveEvents(text);
        expect(naive).toHaveLength(1);
        expect(unescapeText(naive[0]!.find(([name]) => name === 'SUMMARY')![1])).toBe(asWritten(summary));
        const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
        expect(events).toHaveLength(1);
        expect(events[0]!.getFirstPropertyValue('summary')).toBe(asWritten(summary));
      }),
      { numRuns: 300 },
    );
  });
});
