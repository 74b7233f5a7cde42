/**
 * The keyboard shortcuts: each binding in the key map reaches its handler through tinykeys'
 * own matcher, and the guards keep keys away from fields, dialogs, modified presses, Space on
 * buttons, and everything once shortcuts are turned off (WCAG 2.1.4), which is remembered.
 */
import { describe, expect, it, vi } from 'vitest';
import { matchKeyBindingPress, parseKeybinding, type KeyBindingMap } from 'tinykeys';
import { KEY_BINDINGS, type KeyAction } from '../../src/ui/keys/keyMap';
import { isTypingTarget, shortcutMap, type KeyHandlers } from '../../src/ui/keys/shortcuts';
import { ShortcutSettings } from '../../src/ui/keys/ShortcutSettings.svelte';
import { fasterSpeed, positionOfSpeed, slowerSpeed } from '../../src/ui/keys/speedKeys';
import { SPEED_STEPS, speedAt } from '../../src/ui/session/speed';

type Mod = 'Shift' | 'Control' | 'Alt' | 'Meta';

interface FakeTarget {
  tagName: string;
  role?: string;
  inDialog?: boolean;
}

function element({ tagName, role, inDialog = false }: FakeTarget) {
  return {
    tagName,
    isContentEditable: false,
    getAttribute: (name: string) => (name === 'role' ? (role ?? null) : null),
    closest: () => (inDialog ? {} : null),
  };
}

const BODY = element({ tagName: 'BODY' });

/** Presses a key the way tinykeys sees it; returns whether the page took it (preventDefault). */
function press(
  map: KeyBindingMap,
  key: string,
  { mods = [] as Mod[], target = BODY as unknown, code = '' } = {},
): boolean {
  let prevented = false;
  const event = {
    key,
    code,
    target,
    defaultPrevented: false,
    isComposing: false,
    getModifierState: (m: string) => (mods as string[]).includes(m),
    preventDefault: () => (prevented = true),
  };
  for (const [binding, handler] of Object.entries(map)) {
    const [first] = parseKeybinding(binding);
    if (matchKeyBindingPress(event as unknown as KeyboardEvent, first))
      handler(event as unknown as KeyboardEvent);
  }
  return prevented;
}

function allHandlers() {
  const calls: KeyAction[] = [];
  const handlers: KeyHandlers = {};
  for (const b of KEY_BINDINGS) handlers[b.action] = () => void calls.push(b.action);
  return { calls, handlers };
}

function setUp({ enabled = true, presenter = false } = {}) {
  const { calls, handlers } = allHandlers();
  const map = shortcutMap(handlers, { enabled: () => enabled, presenter: () => presenter });
  return { calls, map };
}

describe('keyboard shortcuts', () => {
  it.each([
    ['ArrowRight', [], 'next'],
    ['ArrowLeft', [], 'previous'],
    ['k', [], 'playPause'],
    ['b', [], 'playPause'],
    ['.', [], 'playPause'],
    ['s', [], 'stepEvent'],
    ['w', [], 'stepWindow'],
    ['+', ['Shift'], 'faster'],
    ['=', [], 'faster'],
    ['-', [], 'slower'],
    ['r', [], 'reset'],
    ['p', [], 'presenter'],
    ['t', [], 'theme'],
    ['f', [], 'fullscreen'],
    ['?', ['Shift'], 'help'],
  ] as const)('%s (with %j) does %s', (key, mods, action) => {
    const { calls, map } = setUp();
    expect(press(map, key, { mods: [...mods] })).toBe(true);
    expect(calls).toEqual([action]);
  });

  it('reads Space by its code and leaves it to a focused button or link', () => {
    const { calls, map } = setUp();
    expect(press(map, ' ', { code: 'Space' })).toBe(true);
    expect(calls).toEqual(['playPause']);
    for (const tagName of ['BUTTON', 'A', 'SUMMARY'])
      expect(press(map, ' ', { code: 'Space', target: element({ tagName }) })).toBe(false);
    expect(calls).toEqual(['playPause']);
  });

  it('lets a remote’s PageDown, PageUp, Escape and F5 through only in presenter mode', () => {
    const keys = ['PageDown', 'PageUp', 'Escape', 'F5'];
    const off = setUp();
    // Outside presenter mode they scroll, close and reload as usual.
    for (const key of keys) expect(press(off.map, key)).toBe(false);
    expect(off.calls).toEqual([]);
    const on = setUp({ presenter: true });
    for (const key of keys) expect(press(on.map, key)).toBe(true);
    expect(on.calls).toEqual(['next', 'previous', 'leavePresenter', 'holdShow']);
  });

  it('never fires with a modifier that makes the key something else', () => {
    const { calls, map } = setUp();
    expect(press(map, 'r', { mods: ['Control'] })).toBe(false); // reload
    expect(press(map, 'f', { mods: ['Meta'] })).toBe(false); // find
    expect(press(map, 'ArrowLeft', { mods: ['Alt'] })).toBe(false); // history back
    expect(press(map, 'F5', { mods: ['Control'] })).toBe(false); // hard reload
    expect(press(map, 'k', { mods: ['Shift'] })).toBe(false);
    expect(calls).toEqual([]);
  });

  it('never fires while typing, choosing or inside a dialog', () => {
    const { calls, map } = setUp();
    for (const target of [
      element({ tagName: 'INPUT' }),
      element({ tagName: 'input' }),
      element({ tagName: 'TEXTAREA' }),
      element({ tagName: 'SELECT' }),
      element({ tagName: 'DIV', role: 'slider' }),
      element({ tagName: 'BUTTON', inDialog: true }),
    ]) {
      for (const key of ['k', 'ArrowRight', 'r']) expect(press(map, key, { target })).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('do nothing at all once turned off, and the choice is remembered', () => {
    const { calls, map } = setUp({ enabled: false, presenter: true });
    for (const key of ['k', 'ArrowRight', 'PageDown', 'p', 't', 'F5'])
      expect(press(map, key)).toBe(false);
    expect(press(map, '?', { mods: ['Shift'] })).toBe(false);
    expect(calls).toEqual([]);

    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const first = new ShortcutSettings(storage);
    expect(first.enabled).toBe(true);
    first.setEnabled(false);
    expect(new ShortcutSettings(storage).enabled).toBe(false);
  });

  it('keep working without storage when the browser refuses it', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const settings = new ShortcutSettings(refusing);
    expect(settings.enabled).toBe(true);
    expect(() => settings.setEnabled(false)).not.toThrow();
    expect(settings.enabled).toBe(false);
  });

  it('leave a key to the browser when its handler says it meant nothing here', () => {
    const handler = vi.fn(() => false);
    const map = shortcutMap({ next: handler }, { enabled: () => true, presenter: () => false });
    expect(press(map, 'ArrowRight')).toBe(false);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('give no key two meanings', () => {
    const owner = new Map<string, KeyAction>();
    for (const b of KEY_BINDINGS)
      for (const k of [...b.keys, ...(b.presenterKeys ?? [])]) {
        expect(owner.get(k.toLowerCase()), `${k} is bound twice`).toBeUndefined();
        owner.set(k.toLowerCase(), b.action);
      }
  });

  it('tell fields from other elements', () => {
    expect(isTypingTarget(element({ tagName: 'INPUT' }))).toBe(true);
    expect(isTypingTarget(element({ tagName: 'DIV', role: 'textbox' }))).toBe(true);
    expect(isTypingTarget(element({ tagName: 'BUTTON' }))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('speed keys', () => {
  it('find the slider position of every speed the slider can set', () => {
    for (let p = 0; p <= SPEED_STEPS; p++) expect(positionOfSpeed(speedAt(p))).toBe(p);
  });

  it('step a tenth of the slider, up to as fast as possible and down to the slowest', () => {
    const start = speedAt(70);
    expect(fasterSpeed(start)).toBeCloseTo(speedAt(80));
    expect(slowerSpeed(start)).toBeCloseTo(speedAt(60));
    expect(fasterSpeed(speedAt(95))).toBe(Infinity);
    expect(slowerSpeed(Infinity)).toBeCloseTo(speedAt(90));
    expect(slowerSpeed(speedAt(3))).toBe(speedAt(0));
    // A lab's own speed between slider steps still moves one step.
    expect(fasterSpeed(1e9)).toBeGreaterThan(1e9);
    expect(slowerSpeed(1e9)).toBeLessThan(1e9);
  });
});
