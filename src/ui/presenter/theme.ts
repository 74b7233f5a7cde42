/**
 * The colour themes and how a link names one: `standard`, `projector-light` (dark on light)
 * and `projector-dark` (light on dark). A `theme` parameter in the hash's query
 * (`#/lab/dns-resolution?theme=projector-dark`) selects one; the router ignores it.
 */

export const THEMES = ['standard', 'projector-light', 'projector-dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = {
  standard: 'Standard',
  'projector-light': 'Projector, dark on light',
  'projector-dark': 'Projector, light on dark',
};

export function isTheme(x: unknown): x is Theme {
  return typeof x === 'string' && (THEMES as readonly string[]).includes(x);
}

/** The next theme in THEMES order, wrapping around (the "t" key). */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
}

export interface LinkedTheme {
  theme: Theme | null;
  /** what was wrong with the link's theme, or '' */
  problem: string;
}

/** The theme a hash asks for (`?theme=…` after the path), null when it names none. */
export function themeFromHash(hash: string): LinkedTheme {
  const query = hash.split('?')[1] ?? '';
  const raw = new URLSearchParams(query).get('theme');
  if (raw === null) return { theme: null, problem: '' };
  if (isTheme(raw)) return { theme: raw, problem: '' };
  return {
    theme: null,
    problem: `The theme “${raw}” is not one of ${THEMES.join(', ')}; keeping the current one.`,
  };
}
