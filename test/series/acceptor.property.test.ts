import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsRepeatObject, acceptsSeriesInput, repeatObjectSchema, seriesFields, seriesInputSchema } from '../../src/series/schema.js';
import { safeParse } from '../../src/series/zod-schema.js';
import { seriesInputArbitrary } from '../../src/testing/index.js';

/**
 * defineSeries asks a compiled acceptor whether the input is valid and runs the zod schema
 * only when it says no. The two must agree on every input: the zod schema is the
 * validator of record, the acceptor only a cheaper way to its "yes".
 */

const fieldNames = ['id', 'timezone', 'start', 'startTime', 'endTime', 'duration', 'repeat', 'exclude', 'include', 'dst', 'overrides', 'meta', 'extra'];
const repeatFieldNames = ['freq', 'interval', 'byWeekday', 'byMonthDay', 'byMonth', 'bySetPos', 'byYearDay', 'byWeekNo', 'byHour', 'byMinute', 'bySecond', 'weekStart', 'skip', 'count', 'until', 'extra'];

/** Values a field may be given: right ones for some field, wrong types, edge numbers, nested junk. */
const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, -1, 1.5, 53, 400, NaN, '', 'MO', 'daily', 'shift', 'later', '2025-01-01', '2025-02-30', '09:30', '24:00', 'PT30M', 'P1M', 'UTC', 'Europe/Berlin', 'europe/berlin', '2025-01-01T09:30'),
  fc.array(fc.constantFrom('MO', 'XX', 1, 0, -1, 24, '2025-01-01', '2025-01-01T09:30', { day: 'FR', nth: -1 }, { day: 'FR', nth: 0 }, { day: 'FR' }, null), { maxLength: 4 }),
  fc.record({ nonexistent: fc.constantFrom('shift', 'skip', 'bad'), ambiguous: fc.constantFrom('earlier', 'x') }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('2025-01-01T09:30', 'bad', '2025-01-02T09:30'), fc.oneof(fc.constant({ cancelled: true }), fc.constant({ startTime: '10:00' }), fc.constant({ cancelled: false }), fc.constant({ x: 1 }), fc.constant('no')), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid input with one field replaced, removed or added. */
const mutatedInput = fc.tuple(seriesInputArbitrary(), fc.constantFrom(...fieldNames), anyValue, fc.boolean()).map(([input, field, value, remove]) => {
  const copy: Record<string, unknown> = { ...input };
  if (remove) delete copy[field];
  else copy[field] = value;
  return copy;
});

/** A valid structured rule with one field replaced, removed or added. */
const mutatedRepeat = fc
  .tuple(seriesInputArbitrary({ withRRuleText: false, withSingle: false }), fc.constantFrom(...repeatFieldNames), anyValue, fc.boolean())
  .map(([input, field, value, remove]) => {
    const copy: Record<string, unknown> = { ...(input.repeat as object) };
    if (remove) delete copy[field];
    else copy[field] = value;
    return copy;
  });

describe('the compiled acceptor agrees with the zod schemas', () => {
  it('on valid series inputs: both accept', () => {
    fc.assert(
      fc.property(seriesInputArbitrary(), (input) => {
        expect(acceptsSeriesInput(input)).toBe(true);
        expect(safeParse(seriesInputSchema, input).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on series inputs with one field changed, removed or added', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedInput, anyValue), (input) => {
        expect(acceptsSeriesInput(input)).toBe(safeParse(seriesInputSchema, input).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('on structured rules with one field changed, removed or added', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedRepeat, anyValue), (repeat) => {
        expect(acceptsRepeatObject(repeat)).toBe(safeParse(repeatObjectSchema, repeat).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('on objects of odd shapes at any depth: null prototype, an own __proto__, inherited keys, a list', () => {
    const reshape = (value: object, how: string): object => {
      if (how === 'bare') return Object.assign(Object.create(null) as object, value);
      if (how === 'proto') return Object.defineProperty({ ...value }, '__proto__', { value: {}, enumerable: true });
      if (how === 'inheritKnown') return Object.assign(Object.create({ cancelled: true, nonexistent: 'skip', freq: 'daily', id: 'x' }) as object, value);
      if (how === 'inheritUnknown') return Object.assign(Object.create({ colour: 'red' }) as object, value);
      return Object.values(value);
    };
    const how = fc.constantFrom('bare', 'proto', 'inheritKnown', 'inheritUnknown', 'list');
    const place = fc.constantFrom('top', 'repeat', 'dst', 'overrides', 'override');
    fc.assert(
      fc.property(seriesInputArbitrary({ withRRuleText: false }), place, how, fc.boolean(), (valid, where, shape, cancel) => {
        const input: Record<string, unknown> = { ...valid, dst: { nonexistent: 'shift' }, overrides: { '2025-01-01T09:30': cancel ? { cancelled: true } : { startTime: '10:00' } } };
        const overrides = input.overrides as Record<string, object>;
        if (where === 'override') overrides['2025-01-01T09:30'] = reshape(overrides['2025-01-01T09:30']!, shape);
        else if (where !== 'top' && typeof input[where] === 'object') input[where] = reshape(input[where] as object, shape);
        const whole = where === 'top' ? reshape(input, shape) : input;
        expect(acceptsSeriesInput(whole)).toBe(safeParse(seriesInputSchema, whole).success);
        if (typeof input.repeat === 'object') expect(acceptsRepeatObject(input.repeat)).toBe(safeParse(repeatObjectSchema, input.repeat).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('seriesFields lists the fields of the schema', () => {
    expect(seriesFields).toEqual(Object.keys((seriesInputSchema._zod.def as { shape: object }).shape));
  });

  it('both refuse a field inherited rather than owned the same way', () => {
    const input = Object.assign(Object.create({ extra: 1 }), { id: 'a', timezone: 'UTC', start: '2025-01-01', startTime: '09:00', endTime: '10:00' });
    expect(acceptsSeriesInput(input)).toBe(safeParse(seriesInputSchema, input).success);
  });
});
