/**
 * Every keyboard shortcut, as data: what it does, where it works, the keys (tinykeys binding
 * strings) and how the help overlay writes them. Presenter remotes send PageDown / PageUp (next
 * and previous; on a question, PageDown takes the hall through its vote and the answer: see
 * LabRun.forward), sometimes "b" or "." (their blank-screen button: here play / pause) and F5 /
 * Escape (start and end the show). F5 reloads the page as usual, since students press it for
 * that; in presenter mode it is swallowed so a remote cannot reload a demo, and Escape leaves.
 */

export type KeyAction =
  | 'next'
  | 'previous'
  | 'playPause'
  | 'stepEvent'
  | 'stepWindow'
  | 'timeBack'
  | 'timeForward'
  | 'eventBack'
  | 'faster'
  | 'slower'
  | 'reset'
  | 'presenter'
  | 'leavePresenter'
  | 'holdShow'
  | 'theme'
  | 'fullscreen'
  | 'help';

export interface KeyBinding {
  action: KeyAction;
  /** tinykeys bindings that always work (while shortcuts are on) */
  keys: string[];
  /** bindings that work only in presenter mode (PageDown and PageUp otherwise scroll the page) */
  presenterKeys?: string[];
  /** the keys as the help overlay shows them */
  shown: string;
  does: string;
  /** the pages it works on: everywhere, pages with a running simulation, or labs only */
  where: 'everywhere' | 'simulation' | 'lab';
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    action: 'next',
    keys: ['ArrowRight'],
    presenterKeys: ['PageDown'],
    shown: '→ (PageDown in presenter mode)',
    does: 'Next step of the lab (in presenter mode, on a question: the class votes, then the answer is revealed, then the next step)',
    where: 'lab',
  },
  {
    action: 'previous',
    keys: ['ArrowLeft'],
    presenterKeys: ['PageUp'],
    shown: '← (PageUp in presenter mode)',
    does: 'Previous step of the lab (during a vote: puts the vote away)',
    where: 'lab',
  },
  {
    action: 'playPause',
    keys: ['k', 'Space', 'b', '.'],
    shown: 'K, Space, B or .',
    does: 'Play or pause the simulation',
    where: 'simulation',
  },
  {
    action: 'stepEvent',
    keys: ['s'],
    shown: 'S',
    does: 'Step one event (while paused)',
    where: 'simulation',
  },
  {
    action: 'stepWindow',
    keys: ['w'],
    shown: 'W',
    does: 'Step one time window (while paused)',
    where: 'simulation',
  },
  {
    action: 'timeBack',
    keys: ['j'],
    shown: 'J',
    does: 'Back a little on the timeline (about a tenth of the run so far), paused there',
    where: 'simulation',
  },
  {
    action: 'timeForward',
    keys: ['l'],
    shown: 'L',
    does: 'Forward a little on the timeline, paused there',
    where: 'simulation',
  },
  {
    action: 'eventBack',
    keys: ['Shift+s'],
    shown: 'Shift+S',
    does: 'One event back (the run is replayed to the event before)',
    where: 'simulation',
  },
  {
    action: 'faster',
    keys: ['+', 'Shift++', '=', ']'],
    shown: '+ or ]',
    does: 'Faster',
    where: 'simulation',
  },
  {
    action: 'slower',
    keys: ['-', '['],
    shown: '− or [',
    does: 'Slower',
    where: 'simulation',
  },
  {
    action: 'reset',
    keys: ['r'],
    shown: 'R',
    does: 'Run this step again (in the sandbox: reset the run)',
    where: 'simulation',
  },
  {
    action: 'presenter',
    keys: ['p'],
    shown: 'P',
    does: 'Presenter mode on or off',
    where: 'everywhere',
  },
  {
    action: 'leavePresenter',
    keys: [],
    presenterKeys: ['Escape'],
    shown: 'Escape',
    does: 'Leave presenter mode',
    where: 'everywhere',
  },
  {
    action: 'holdShow',
    keys: [],
    presenterKeys: ['F5', 'Shift+F5'],
    shown: 'F5 (in presenter mode)',
    does: 'Nothing: a remote’s start-show button does not reload the demo',
    where: 'everywhere',
  },
  {
    action: 'theme',
    keys: ['t'],
    shown: 'T',
    does: 'Next colour theme (standard, projector light, projector dark)',
    where: 'everywhere',
  },
  {
    action: 'fullscreen',
    keys: ['f'],
    shown: 'F',
    does: 'Full screen on or off',
    where: 'everywhere',
  },
  {
    action: 'help',
    keys: ['?', 'Shift+?'],
    shown: '?',
    does: 'This list of keys',
    where: 'everywhere',
  },
];

export const WHERE_LABELS: Record<KeyBinding['where'], string> = {
  everywhere: 'every page',
  simulation: 'labs and the sandbox',
  lab: 'labs',
};
