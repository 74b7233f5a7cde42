/**
 * Turns KEY_BINDINGS and a page's handlers into tinykeys listeners, with the guards that keep
 * shortcuts out of the way: nothing fires while shortcuts are turned off (WCAG 2.1.4), while
 * typing in a field or choosing in a select, radio group or slider, inside a dialog, during
 * composition (IME), or with a modifier that makes the key something else (tinykeys matches
 * modifiers exactly). Space is left to buttons, links and summaries that it activates.
 */
import { tinykeys, type KeyBindingMap } from 'tinykeys';
import { KEY_BINDINGS, type KeyAction } from './keyMap';

/** A handler returns false when the key meant nothing here (then the browser keeps it). */
export type KeyHandlers = Partial<Record<KeyAction, () => boolean | void>>;

export interface ShortcutContext {
  /** single-key shortcuts are on */
  enabled: () => boolean;
  /** presenter mode is on (PageDown, PageUp and Escape are the remote's then) */
  presenter: () => boolean;
}

/** The parts of an element the guards read (so tests need no DOM). */
interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
  getAttribute?: (name: string) => string | null;
}

/** Typing or choosing happens here: keys belong to the control. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as TargetLike | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName.toUpperCase())) return true;
  const role = el.getAttribute?.('role') ?? '';
  return ['textbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'radio'].includes(role);
}

/** Space presses this element (a button, a link, a summary, a checkbox): leave Space to it. */
export function spaceActivates(target: unknown): boolean {
  const el = target as TargetLike | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  if (['BUTTON', 'A', 'SUMMARY', 'INPUT', 'SELECT', 'TEXTAREA'].includes(tag)) return true;
  const role = el.getAttribute?.('role') ?? '';
  return ['button', 'link', 'checkbox', 'switch', 'menuitem', 'tab', 'option'].includes(role);
}

/** The event happened inside an open dialog (which handles its own keys, Escape included). */
function inDialog(target: unknown): boolean {
  const el = target as TargetLike | null;
  return Boolean(el?.closest?.('dialog[open], [role="dialog"]'));
}

interface KeyEventLike {
  key: string;
  target: unknown;
  defaultPrevented: boolean;
  isComposing?: boolean;
  preventDefault(): void;
}

/** The tinykeys map for these handlers: one entry per binding string. */
export function shortcutMap(handlers: KeyHandlers, ctx: ShortcutContext): KeyBindingMap {
  const map: KeyBindingMap = {};
  for (const b of KEY_BINDINGS) {
    const handler = handlers[b.action];
    if (!handler) continue;
    const add = (key: string, presenterOnly: boolean) => {
      map[key] = (event: KeyEventLike) => {
        if (!ctx.enabled() || event.defaultPrevented || event.isComposing) return;
        if (presenterOnly && !ctx.presenter()) return;
        if (isTypingTarget(event.target) || inDialog(event.target)) return;
        if (event.key === ' ' && spaceActivates(event.target)) return;
        if (handler() !== false) event.preventDefault();
      };
    };
    for (const k of b.keys) add(k, false);
    for (const k of b.presenterKeys ?? []) add(k, true);
  }
  return map;
}

/** Listens on `target` (the window) until the returned function is called. */
export function bindShortcuts(
  target: Window,
  handlers: KeyHandlers,
  ctx: ShortcutContext,
): () => void {
  return tinykeys(target, shortcutMap(handlers, ctx));
}

/** Whether presenter mode is on, read from the page's contract attribute. */
export function presenterOn(): boolean {
  return document.documentElement.dataset.presenter === 'on';
}
