/**
 * A reactive read of "the theme changed": components that restyle a canvas call
 * `themeVersion()` inside an effect, which then re-runs after every theme change.
 */
import { createSubscriber } from 'svelte/reactivity';
import { watchTheme } from './themeColours';

let version = 0;
const subscribe = createSubscriber((update) =>
  watchTheme(() => {
    version++;
    update();
  }),
);

export function themeVersion(): number {
  subscribe();
  return version;
}
