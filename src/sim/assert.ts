/**
 * The switch for invariant checks that cost time on hot paths (message ledgers, TCP sender
 * checks, in-flight gauges): off by default for speed, on in tests and in the UI's assert/fuzz
 * mode. Cheap checks that are always on live in util/assert.ts; this module only adds the switch.
 */
export { assert, fail, AssertionError } from './util/assert';

/**
 * Read at the checked places (one boolean test when off). Objects that keep extra state for the
 * checks (e.g. the network's message ledger) read it once when they are built, so turn it on
 * before building a world.
 */
export let assertionsEnabled = false;

/** Turns the expensive invariant checks on or off for worlds built from now on. */
export function setAssertionsEnabled(on: boolean): void {
  assertionsEnabled = on;
}
