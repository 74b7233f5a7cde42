/**
 * Declares a lab with its machine's context type, so that its findings and expected answers
 * read `m.context` as that type, with no cast in the lab. The page and the driver handle every
 * lab alike (their context as plain data): the one conversion between the two views is here.
 */
import type { LabDefinition } from './types';

export function defineLab<C>(lab: LabDefinition<C>): LabDefinition {
  // The driver hands findings and questions the machine's own context, which is a C.
  return lab as unknown as LabDefinition;
}
