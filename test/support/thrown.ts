import { expect } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';

/** What `run` throws; the test fails when it returns instead. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The `InvalidArgumentError` that `run` throws; any other outcome fails the test. */
export function invalidArgument(run: () => unknown): InvalidArgumentError {
  const error = thrown(run);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

/** What `promise` rejects with; the test fails when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
