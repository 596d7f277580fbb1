import * as core from 'zod/v4/core';

/**
 * The few zod constructs the series schemas are made of — strict objects, optional
 * fields and leaves whose whole validation is one check of ours — built on `zod/v4/core`
 * directly: the schemas are zod's and zod collects their issues, but no wrapper layer
 * (`zod/mini`'s methods) reaches a browser bundle. Beside each schema, this compiles a
 * plain function that says whether a value passes it (`compileAcceptor`): `defineSeries`
 * asks it first and runs zod, for the issues, only when it says no.
 */

/** A zod schema. */
export type Schema = core.$ZodType;

/** A problem a leaf reports: its whole sentence, at `path` below the leaf. */
export interface LeafIssue {
  code: 'custom';
  message: string;
  input: unknown;
  path: PropertyKey[];
  continue: true;
}

export const leafIssue = (message: string, input: unknown, path: PropertyKey[] = []): LeafIssue => ({ code: 'custom', message, input, path, continue: true });

/** How each leaf says "valid" cheaply; a leaf's validation and its acceptor come from one check, so they agree. */
const leafAcceptors = new WeakMap<Schema, (value: unknown) => boolean>();

/**
 * A leaf: `validate` pushes the value's problems (paths below the leaf), `accepts` says
 * whether it has none.
 */
export function leafOf(validate: (value: unknown, issues: LeafIssue[]) => void, accepts: (value: unknown) => boolean): Schema {
  const check = new core.$ZodCheck({ check: 'custom' });
  check._zod.check = (payload) => validate(payload.value, payload.issues as unknown as LeafIssue[]);
  const schema = new core.$ZodUnknown({ type: 'unknown', checks: [check] });
  leafAcceptors.set(schema, accepts);
  return schema;
}

/** A leaf whose whole validation is `check`: a message when invalid, undefined when fine. */
export function leaf(check: (value: unknown) => string | undefined): Schema {
  return leafOf(
    (value, issues) => {
      const problem = check(value);
      if (problem !== undefined) issues.push(leafIssue(problem, value));
    },
    (value) => check(value) === undefined,
  );
}

/**
 * `inner`, or nothing: a leaf that passes `undefined` and hands any other value to `inner`.
 * zod's own marks (`optin`/`optout`, as `$ZodOptional` sets them) tell a strict object the
 * field may be left out; `$ZodOptional` itself stays out of the bundle.
 */
export function optional(inner: Schema): Schema {
  const accepts = compileAcceptor(inner);
  return optionalLeaf(
    leafOf(
      (value, issues) => {
        if (value === undefined) return;
        const checked = safeParse(inner, value);
        if (!checked.success) for (const issue of checked.error.issues) issues.push(issue as unknown as LeafIssue);
      },
      (value) => value === undefined || accepts(value),
    ),
  );
}

function optionalLeaf(schema: Schema): Schema {
  schema._zod.optin = 'optional';
  schema._zod.optout = 'optional';
  return schema;
}

/** A value that may be anything, or be left out (checked elsewhere). */
export const anything: Schema = optionalLeaf(leafOf(() => {}, () => true));

const never = new core.$ZodNever({ type: 'never' });

/** An object with exactly these fields (unknown ones are issues); `wrongType` says what a non-object is told. */
export function strictObject(shape: Record<string, Schema>, wrongType: (input: unknown) => string): core.$ZodObject {
  return new core.$ZodObject({
    type: 'object',
    shape,
    catchall: never,
    error: (issue: { code?: string; input?: unknown }) => (issue.code === 'invalid_type' ? wrongType(issue.input) : undefined),
  });
}

/** zod's verdict on `value`, with its issues when it has any. */
export function safeParse(schema: Schema, value: unknown): { success: true } | { success: false; error: core.$ZodError } {
  return core.safeParse(schema, value);
}

/**
 * A schema compiled, once, into a function that says whether a value passes it, without
 * zod's per-call bookkeeping (a payload and an issue list per field). It knows the
 * constructs above; for any other it says no, leaving the verdict to zod.
 */
export function compileAcceptor(schema: Schema): (value: unknown) => boolean {
  const accepts = leafAcceptors.get(schema);
  if (accepts !== undefined) return accepts;
  const def = schema._zod.def as { type: string; shape?: Record<string, Schema> };
  if (def.type === 'object') {
    const keys = Object.keys(def.shape!);
    const fields = keys.map((key) => compileAcceptor(def.shape![key]!));
    const known = new Set(keys);
    return (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) if (!fields[i]!(record[keys[i]!])) return false;
      for (const key in record) if (!known.has(key)) return false;
      return true;
    };
  }
  return () => false;
}
