/**
 * The text form of a release's bugs, for the command line and lab commands:
 *
 *   random                       a release drawn from BUG_DISTRIBUTION (each release its own)
 *   none                         a clean release
 *   BUG[+BUG...]                 these bugs, e.g. 'always:crash', 'content:crash:rate=0.01',
 *                                'scale:wrong:at=0.5', 'hardware:crash:type=rare-e',
 *                                'always:leak:hours=6', 'mixed:incompatible:rate=2'
 *
 * BUG is TRIGGER:EFFECT[:key=value,...] with keys rate (per eligible server-hour), at (scale
 * threshold, a fraction of the network), type (a hardware type name) and hours (leak). A
 * 'mixed' trigger goes with the 'incompatible' effect and no other trigger does.
 */
import { EFFECTS, HARDWARE_TYPES, TRIGGERS, type Bug, type Effect, type Trigger } from './bugs';

export type BugSpec = 'random' | Bug[];

/** Rates used when a spec names no rate: the geometric middle of each trigger's range. */
const DEFAULT_RATE: Record<Trigger, number> = {
  always: 10,
  content: 0.01,
  order: 1e-4,
  hardware: 1,
  scale: 1,
  mixed: 1,
};

/** Parses a spec; throws an Error saying what is wrong and what is allowed. */
export function parseBugSpec(raw: string): BugSpec {
  const text = raw.trim();
  if (text === 'random') return 'random';
  if (text === 'none') return [];
  return text.split('+').map(parseBug);
}

function parseBug(part: string): Bug {
  const [trigger, effect, params = '', ...extra] = part.trim().split(':');
  if (extra.length > 0 || effect === undefined)
    throw new Error(`'${part}' is not TRIGGER:EFFECT[:key=value,...]`);
  if (!(TRIGGERS as readonly string[]).includes(trigger))
    throw new Error(`unknown trigger '${trigger}'; expected one of ${TRIGGERS.join(', ')}`);
  if (!(EFFECTS as readonly string[]).includes(effect))
    throw new Error(`unknown effect '${effect}'; expected one of ${EFFECTS.join(', ')}`);
  if ((trigger === 'mixed') !== (effect === 'incompatible'))
    throw new Error(`'${part}': the mixed trigger goes with the incompatible effect, and only it`);
  const bug: Bug = {
    trigger: trigger as Trigger,
    effect: effect as Effect,
    ratePerServerHour: DEFAULT_RATE[trigger as Trigger],
  };
  if (bug.trigger === 'hardware') bug.hardwareType = 3;
  if (bug.trigger === 'scale') bug.scaleThreshold = 0.5;
  if (bug.effect === 'leak') bug.leakHours = 4;
  for (const kv of params === '' ? [] : params.split(',')) applyParam(bug, kv, part);
  return bug;
}

function applyParam(bug: Bug, kv: string, part: string): void {
  const [key, value = ''] = kv.split('=');
  const x = Number(value);
  const positive = value.trim() !== '' && Number.isFinite(x) && x > 0;
  if (key === 'rate' && positive) bug.ratePerServerHour = x;
  else if (key === 'at' && bug.trigger === 'scale' && positive && x <= 1) bug.scaleThreshold = x;
  else if (key === 'hours' && bug.effect === 'leak' && positive) bug.leakHours = x;
  else if (key === 'type' && bug.trigger === 'hardware') {
    const i = HARDWARE_TYPES.findIndex((h) => h.name === value);
    if (i < 0)
      throw new Error(
        `unknown hardware type '${value}'; expected ${HARDWARE_TYPES.map((h) => h.name).join(', ')}`,
      );
    bug.hardwareType = i;
  } else
    throw new Error(
      `bad parameter '${kv}' in '${part}': rate>0 always; at in (0, 1] for scale; ` +
        'type for hardware; hours>0 for leak',
    );
}

/** True when `raw` parses (for command validation). */
export function isBugSpec(raw: string): boolean {
  try {
    parseBugSpec(raw);
    return true;
  } catch {
    return false;
  }
}
