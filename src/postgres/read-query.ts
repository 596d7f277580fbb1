import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import type { TimeInterval } from '../overlap/interval.js';
import { showValue } from '../show-value.js';
import type { Database, QueryResultLike } from './queryable.js';
import { inTransaction } from './transaction.js';

/** A window `[from, to)` to read; both bounds required. */
export interface ReadWindow {
  from: InstantInput;
  to: InstantInput;
}

/** Rows a reading call returns unless its `limit` says otherwise. */
export const defaultReadLimit = 10_000;
/** The largest `limit` a reading call accepts: the rows are held in memory at once. */
export const maxReadLimit = 1_000_000;

export function readWindow(window: unknown): TimeInterval {
  if (typeof window !== 'object' || window === null) throw new InvalidArgumentError('window', 'expected { from, to }');
  const { from, to } = window as Partial<ReadWindow>;
  if (from === undefined) throw new InvalidArgumentError('window.from', 'is required');
  if (to === undefined) throw new InvalidArgumentError('window.to', 'is required');
  const interval = { start: toEpochMs(from, 'window.from'), end: toEpochMs(to, 'window.to') };
  if (interval.end <= interval.start) throw new InvalidArgumentError('window.to', 'must be after window.from');
  return interval;
}

export function readReadLimit(limit: unknown): number {
  if (limit === undefined) return defaultReadLimit;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > maxReadLimit) {
    throw new InvalidArgumentError('limit', `${showValue(limit)} is not an integer from 1 to ${maxReadLimit}`);
  }
  return limit;
}

/** The rows of a query run with `limit + 1`: more than `limit` is an error, never a silent cut. */
export function withinLimit<T>(rows: readonly T[], limit: number, subject: string, unit: string): readonly T[] {
  if (rows.length > limit) throw new ExpansionLimitError('', limit, { subject, unit, hint: 'filter by resource' });
  return rows;
}

/** One of several allowed values, or a non-empty list of them; `field` names it in errors. */
export function readOneOrMany<T extends string>(value: unknown, allowed: readonly T[], field: string): T[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new InvalidArgumentError(field, 'must name at least one status');
  return list.map((item, i) => {
    if (!(allowed as readonly unknown[]).includes(item)) {
      throw new InvalidArgumentError(Array.isArray(value) ? `${field}[${i}]` : field, `${showValue(item)} is not one of ${allowed.join(', ')}`);
    }
    return item as T;
  });
}

/**
 * WHERE clauses built from fixed SQL fragments and bind parameters: a filter adds its
 * fragment with the next `$n` and its value to `params`. No value ever enters the text.
 */
export class Filters {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  /** Adds `fragment`, where each `$?` in turn stands for the next of `values`. */
  add(fragment: string, ...values: unknown[]): this {
    let i = 0;
    this.clauses.push(
      fragment.replaceAll('$?', () => {
        this.params.push(values[i++]);
        return `$${this.params.length}`;
      }),
    );
    return this;
  }
  /** The next parameter's placeholder, for a value appended after the filters. */
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  get where(): string {
    return this.clauses.join(' and ');
  }
}

/**
 * One reading statement in a transaction of its own: on a single connection it then waits
 * for another adapter call's transaction instead of running inside it.
 */
export function readQuery(db: Database, text: string, params: unknown[]): Promise<QueryResultLike> {
  return inTransaction(db, (tx) => tx.query(text, params));
}
