/**
 * Remembered display settings (theme, presenter mode, shortcuts on or off) in localStorage,
 * failing soft: a browser that refuses storage (private mode, blocked cookies, a sandboxed
 * frame) simply forgets them when the page closes.
 */

export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage if the browser allows it, else null. */
export function browserSettings(): SettingsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readSetting(storage: SettingsStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeSetting(storage: SettingsStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or refused: the setting lasts until the page closes, which is all we can do.
  }
}
