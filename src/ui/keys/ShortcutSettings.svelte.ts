/**
 * Whether single-key shortcuts are on (WCAG 2.1.4: a speech-input or keyboard user must be able
 * to turn them off), remembered across visits when the browser allows storage.
 */
import { browserSettings, readSetting, writeSetting } from '../presenter/settingsStorage';
import type { SettingsStorage } from '../presenter/settingsStorage';

const KEY = 'edge-lab:shortcuts';

export class ShortcutSettings {
  enabled = $state(true);

  constructor(private readonly storage: SettingsStorage | null) {
    this.enabled = readSetting(storage, KEY) !== 'off';
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    writeSetting(this.storage, KEY, on ? 'on' : 'off');
  }
}

/** The page's one setting, shared by every component that binds keys. */
export const shortcutSettings = new ShortcutSettings(browserSettings());
