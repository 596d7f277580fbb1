import { DatabaseError } from './errors.js';

/** SQLSTATE codes the adapter reacts to. */
export const sqlStates = {
  exclusionViolation: '23P01',
  uniqueViolation: '23505',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
  noActiveTransaction: '25P01',
  inFailedTransaction: '25P02',
} as const;

/** The SQLSTATE of a driver error (pg, PGlite and postgres.js all put it in `code`), if it has one. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Errors after which running the whole transaction again, at once, can succeed. */
export function isRetryable(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === sqlStates.deadlockDetected || state === sqlStates.serializationFailure;
}

// Failures that calling again later can get past: connection exceptions (08), transaction
// rollbacks (40), insufficient resources (53), operator intervention (57: shutdowns and
// statement_timeout), lock_timeout (55P03).
const transientStates = /^(08|40|53|57)|^55P03$/;
// A driver error without SQLSTATE: the socket went away.
const lostConnection = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|CONNECTION_(CLOSED|ENDED|DESTROYED)|Connection terminated|connection.*(closed|ended|lost)/i;

/** A driver's or server's error as the one typed error the adapter throws for them. */
export function toDatabaseError(error: unknown): DatabaseError {
  const state = sqlStateOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const retryable = state === undefined ? lostConnection.test(`${typeof code === 'string' ? code : ''} ${error instanceof Error ? error.message : String(error)}`) : transientStates.test(state);
  return new DatabaseError(state, retryable, error);
}
