/** SQLSTATE codes the adapter reacts to. */
export const sqlStates = {
  exclusionViolation: '23P01',
  uniqueViolation: '23505',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
  noActiveTransaction: '25P01',
  inFailedTransaction: '25P02',
} as const;

/** The SQLSTATE of a driver error (pg and PGlite both put it in `code`), if it has one. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 ? code : undefined;
}

/** Errors after which running the whole transaction again can succeed. */
export function isRetryable(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === sqlStates.deadlockDetected || state === sqlStates.serializationFailure;
}
