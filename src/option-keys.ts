import { InvalidArgumentError } from './errors.js';

/**
 * Checks that `options` is a plain object whose keys are all accepted. An unknown key is a
 * typo or a guess (`{ start, end }` for `{ from, to }`) that would otherwise be ignored and
 * give a silently wrong result, so it is an error naming the key and the accepted ones.
 *
 * @param options - what the caller passed
 * @param fn - the function's name, for the message
 * @param accepted - the option names the function reads
 * @param field - the argument's name when it is not an object, e.g. `window`
 * @throws {InvalidArgumentError} at `field` when `options` is not an object, at the key when a key is unknown
 */
export function checkOptionKeys(options: unknown, fn: string, accepted: readonly string[], field = 'options'): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(field, `expected an object such as { ${accepted.join(', ')} }`);
  }
  for (const key of Object.keys(options)) {
    if (!accepted.includes(key)) {
      throw new InvalidArgumentError(key, `is not an option of ${fn}; accepted: ${accepted.join(', ')}`);
    }
  }
}
