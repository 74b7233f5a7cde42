/** Invariant checks that stay on in development, tests and the headless runner. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Throws an AssertionError; for hot paths that test their condition inline. */
export function fail(message: string): never {
  throw new AssertionError(message);
}
