/**
 * The type sizes presenter mode offers (the presenter bar's menu), written to
 * `<html data-type-size>`; app.css scales the page's type by each (1, 1.2, 1.4 times the
 * presenter's base size, itself 2.2 % of the screen's height).
 */

export const TYPE_SIZES = ['normal', 'large', 'larger'] as const;
export type TypeSize = (typeof TYPE_SIZES)[number];

export const TYPE_SIZE_LABELS: Record<TypeSize, string> = {
  normal: 'Type: normal',
  large: 'Type: large',
  larger: 'Type: larger',
};

export function isTypeSize(x: unknown): x is TypeSize {
  return typeof x === 'string' && (TYPE_SIZES as readonly string[]).includes(x);
}
