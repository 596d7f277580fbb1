/** A usage or input error: printed as one line on stderr, exit code 2, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Exit codes: 0 fine, 1 `check` found conflicts or an internal error (a bug), 2 bad usage or input. */
export const exitCodes = { ok: 0, conflicts: 1, internal: 1, usage: 2 } as const;
