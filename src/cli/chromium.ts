/**
 * Debian's Chromium, as the end-to-end tests and the browser benchmark launch it: the flags
 * that work headless as root without reaching for hosts this machine cannot reach.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
