import * as core from 'zod/v4/core';

/**
 * The zod schemas of a series are all of one kind: a leaf, zod's `$ZodUnknown` with one
 * check of ours, which pushes the value's problems as zod issues. Strict objects, optional
 * fields and lists are leaves whose check runs zod on each field or entry, so zod parses
 * the whole input and collects every issue with its path, while only zod's core parser
 * (`$ZodUnknown`, `$ZodCheck`, `safeParse`) reaches a browser bundle: no `$ZodObject` or
 * `$ZodOptional`, no `zod/mini` method layer, no locale (every message is our own). Each
 * leaf also carries a plain function that says whether a value passes it (`acceptorOf`):
 * `defineSeries` asks it first and runs zod, for the issues, only when it says no.
 */

/** A zod schema. */
export type Schema = core.$ZodType;

/** A strict object's schema: its def names its fields, as a `$ZodObject`'s does. */
export type ObjectSchema = Schema & { _zod: { def: { shape: Record<string, Schema> } } };

/** A problem a leaf reports: its whole sentence, at `path` below the leaf. */
export interface LeafIssue {
  code: 'custom';
  message: string;
  input: unknown;
  path: PropertyKey[];
  continue: true;
}

/** The problem a strict object reports for fields it does not know, as zod's `$ZodObject` does. */
interface UnknownKeysIssue {
  code: 'unrecognized_keys';
  keys: string[];
  input: unknown;
  path: PropertyKey[];
  continue: true;
}

/** What a leaf's validation pushes. */
type Issue = LeafIssue | UnknownKeysIssue;

export const leafIssue = (message: string, input: unknown, path: PropertyKey[] = []): LeafIssue => ({ code: 'custom', message, input, path, continue: true });

/** How each leaf says "valid" cheaply; a leaf's validation and its acceptor come from one check, so they agree. */
const leafAcceptors = new WeakMap<Schema, (value: unknown) => boolean>();

/**
 * A leaf: `validate` pushes the value's problems (paths below the leaf), `accepts` says
 * whether it has none.
 */
export function leafOf(validate: (value: unknown, issues: Issue[]) => void, accepts: (value: unknown) => boolean): Schema {
  const check = new core.$ZodCheck({ check: 'custom' });
  check._zod.check = (payload) => validate(payload.value, payload.issues as unknown as Issue[]);
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

const parseContext = { async: false };

/**
 * zod's issues for `value` against `schema`, pushed onto `issues` with `prefix` before their
 * paths. They stay raw (zod finalizes them once, at the outer `safeParse`), as `$ZodObject`
 * passes its fields' issues up: an error built at each level cost three times the time and
 * twice the memory on an input with a problem in each of its many overrides.
 */
export function pushIssues(schema: Schema, value: unknown, prefix: PropertyKey[], issues: Issue[]): void {
  const found = (schema._zod.run({ value, issues: [] }, parseContext) as core.ParsePayload).issues as unknown as Issue[];
  for (const issue of found) {
    issue.path = [...prefix, ...issue.path];
    issues.push(issue);
  }
}

/** `inner`, or nothing: `undefined` passes, any other value is `inner`'s to judge. */
export function optional(inner: Schema): Schema {
  const accepts = acceptorOf(inner);
  return leafOf(
    (value, issues) => {
      if (value !== undefined) pushIssues(inner, value, [], issues);
    },
    (value) => value === undefined || accepts(value),
  );
}

/** A value that may be anything (checked elsewhere). */
export const anything: Schema = leafOf(
  () => {},
  () => true,
);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object with exactly these fields, read as zod's strict `$ZodObject` reads one: each
 * field's issues in the shape's order (an absent field is `undefined`, which an optional
 * one passes and a required one reports), then one `unrecognized_keys` issue listing every
 * other enumerable key; `wrongType` says what a non-object is told.
 */
export function strictObject(shape: Record<string, Schema>, wrongType: (input: unknown) => string): ObjectSchema {
  const keys = Object.keys(shape);
  const fields = keys.map((key) => acceptorOf(shape[key]!));
  const known = new Set(keys);
  const schema = leafOf(
    (value, issues) => {
      if (!isRecord(value)) {
        issues.push(leafIssue(wrongType(value), value));
        return;
      }
      for (const key of keys) pushIssues(shape[key]!, value[key], [key], issues);
      const unknownKeys: string[] = [];
      for (const key in value) if (!known.has(key)) unknownKeys.push(key);
      if (unknownKeys.length > 0) issues.push({ code: 'unrecognized_keys', keys: unknownKeys, input: value, path: [], continue: true });
    },
    (value) => {
      if (!isRecord(value)) return false;
      for (let i = 0; i < keys.length; i++) if (!fields[i]!(value[keys[i]!])) return false;
      for (const key in value) if (!known.has(key)) return false;
      return true;
    },
  );
  const objectSchema = schema as ObjectSchema;
  objectSchema._zod.def.shape = shape;
  return objectSchema;
}

/** zod's verdict on `value`, with its issues when it has any. */
export function safeParse(schema: Schema, value: unknown): { success: true } | { success: false; error: core.$ZodError } {
  return core.safeParse(schema, value);
}

/**
 * The plain function that says whether a value passes `schema`, without zod's per-call
 * bookkeeping (a payload and an issue list per field); for a schema not made here, one
 * that says no, leaving the verdict to zod.
 */
export function acceptorOf(schema: Schema): (value: unknown) => boolean {
  return leafAcceptors.get(schema) ?? (() => false);
}
