/**
 * Presenter mode and the themes: a link's theme, the contract on `<html>` (data-theme and
 * data-presenter), remembered settings that fail soft, full screen refused with a message,
 * pausing a hidden tab, and the canvas views' theme-driven styles (headless cytoscape).
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { parseRoute } from '../../src/ui/route';
import { nextTheme, THEMES, themeFromHash } from '../../src/ui/presenter/theme';
import { Presentation } from '../../src/ui/presenter/Presentation.svelte';
import { toggleFullscreen } from '../../src/ui/presenter/fullscreen';
import { pauseWhileHidden } from '../../src/ui/presenter/pauseWhileHidden';
import {
  STANDARD_TOPOLOGY_THEME,
  topologyStyle,
  type TopologyTheme,
} from '../../src/ui/topology/topologyStyle';
import { PACKET_SHAPES, tracePacket, type PacketShape } from '../../src/ui/topology/PacketOverlay';
import { PACKET_KINDS } from '../../src/ui/topology/packetMotion';

function memoryStorage() {
  const store = new Map<string, string>();
  return {
    store,
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
}

const fakeRoot = () => ({ dataset: {} as DOMStringMap }) as HTMLElement;

describe('themes in links', () => {
  it('read ?theme= after the path, and the router still opens the lab', () => {
    const hash = '#/lab/dns-resolution?theme=projector-dark';
    expect(themeFromHash(hash)).toEqual({ theme: 'projector-dark', problem: '' });
    expect(parseRoute(hash, ['dns-resolution']).route).toEqual({
      page: 'lab',
      labId: 'dns-resolution',
      stepId: null,
    });
    expect(themeFromHash('#/sandbox?scale=2002&theme=projector-light').theme).toBe(
      'projector-light',
    );
    expect(themeFromHash('#/lab/dns-resolution')).toEqual({ theme: null, problem: '' });
  });

  it('say what was wrong with a theme that does not exist', () => {
    const linked = themeFromHash('#/?theme=neon');
    expect(linked.theme).toBeNull();
    expect(linked.problem).toMatch(/“neon”.*projector-dark/);
  });

  it('cycle through all three themes', () => {
    expect(THEMES.map(nextTheme)).toEqual(['projector-light', 'projector-dark', 'standard']);
  });
});

describe('presenter mode', () => {
  it('writes the theme and presenter mode to <html> and remembers both', () => {
    const root = fakeRoot();
    const storage = memoryStorage();
    const p = new Presentation(root, storage);
    expect(root.dataset).toEqual({ theme: 'standard', presenter: 'off', typeSize: 'normal' });

    p.setPresenter(true);
    // A projector theme comes with presenter mode (dark on light until one was chosen).
    expect(root.dataset).toMatchObject({ theme: 'projector-light', presenter: 'on' });
    p.setTheme('projector-dark');
    p.setPresenter(false);
    expect(root.dataset).toMatchObject({ theme: 'standard', presenter: 'off' });

    // The next visit: presenter mode opens with the projector theme used last.
    const again = new Presentation(fakeRoot(), storage);
    again.togglePresenter();
    expect(again.theme).toBe('projector-dark');
  });

  it('offers larger type, written to <html> and remembered', () => {
    const storage = memoryStorage();
    const root = fakeRoot();
    const p = new Presentation(root, storage);
    p.setTypeSize('larger');
    expect(root.dataset.typeSize).toBe('larger');
    const againRoot = fakeRoot();
    expect(new Presentation(againRoot, storage).typeSize).toBe('larger');
    expect(againRoot.dataset.typeSize).toBe('larger');
    // A stored value that is no size (an older or tampered setting) is ignored.
    storage.setItem('edge-lab:type-size', 'huge');
    expect(new Presentation(fakeRoot(), storage).typeSize).toBe('normal');
  });

  it('keeps a projector theme chosen outside presenter mode', () => {
    const root = fakeRoot();
    const p = new Presentation(root, memoryStorage());
    p.setTheme('projector-dark');
    p.setPresenter(true);
    p.setPresenter(false);
    expect(root.dataset.theme).toBe('projector-dark');
  });

  it('works, forgetting, when storage is refused', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const root = fakeRoot();
    const p = new Presentation(root, refusing);
    p.setPresenter(true);
    expect(root.dataset.presenter).toBe('on');
  });
});

describe('full screen', () => {
  const doc = (over: Partial<Document>) =>
    ({
      fullscreenElement: null,
      fullscreenEnabled: true,
      documentElement: { requestFullscreen: () => Promise.resolve() },
      exitFullscreen: () => Promise.resolve(),
      ...over,
    }) as unknown as Document;

  it('enters quietly when allowed', async () => {
    await expect(toggleFullscreen(doc({}))).resolves.toBe('');
  });

  it('explains a refusal instead of throwing', async () => {
    const refused = doc({
      documentElement: {
        requestFullscreen: () => Promise.reject(new TypeError('Permissions check failed')),
      } as unknown as HTMLElement,
    });
    await expect(toggleFullscreen(refused)).resolves.toMatch(
      /refused \(Permissions check failed\).*F11/,
    );
    await expect(toggleFullscreen(doc({ fullscreenEnabled: false }))).resolves.toMatch(
      /does not allow full screen/,
    );
  });
});

describe('a hidden tab', () => {
  function setUp(status: 'running' | 'paused') {
    const events: string[] = [];
    const session = {
      status: status as string,
      play() {
        events.push('play');
        this.status = 'running';
      },
      pause() {
        events.push('pause');
        this.status = 'paused';
      },
    };
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' }) as Document & {
      visibilityState: string;
    };
    const stop = pauseWhileHidden(session, doc);
    const show = (state: 'hidden' | 'visible') => {
      (doc as { visibilityState: string }).visibilityState = state;
      doc.dispatchEvent(new Event('visibilitychange'));
    };
    return { events, session, show, stop };
  }

  it('pauses a running simulation and resumes it where it was', () => {
    const { events, session, show } = setUp('running');
    show('hidden');
    expect(session.status).toBe('paused');
    show('visible');
    expect(session.status).toBe('running');
    expect(events).toEqual(['pause', 'play']);
  });

  it('does not start one that was paused, nor after it stopped listening', () => {
    const paused = setUp('paused');
    paused.show('hidden');
    paused.show('visible');
    expect(paused.events).toEqual([]);
    const stopped = setUp('running');
    stopped.stop();
    stopped.show('hidden');
    expect(stopped.events).toEqual([]);
  });
});

describe('the topology stylesheet', () => {
  const dark: TopologyTheme = {
    nodeBorder: 'rgb(255, 255, 255)',
    nodeLabel: 'rgb(255, 255, 255)',
    labelHalo: 'rgb(0, 0, 0)',
    downFill: 'rgb(110, 110, 110)',
    selected: 'rgb(240, 228, 66)',
    newer: 'rgb(86, 180, 233)',
    lineScale: 2,
  };

  function drawn(theme: TopologyTheme) {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: topologyStyle(theme),
      elements: [
        {
          data: {
            id: 'a',
            label: '',
            pad: 1,
            w: 4,
            bw: 0.5,
            fs: 1,
            fill: '#56b4e9',
            load: 0,
            up: 1,
            newer: 0,
          },
        },
        {
          data: {
            id: 'b',
            label: '',
            pad: 1,
            w: 4,
            bw: 0.5,
            fs: 1,
            fill: '#56b4e9',
            load: 0,
            up: 0,
            newer: 0,
          },
        },
      ],
    });
    const a = cy.getElementById('a');
    const b = cy.getElementById('b');
    return {
      border: a.style('border-color'),
      width: a.numericStyle('border-width'),
      downFill: b.style('background-color'),
      downShape: b.style('shape'),
    };
  }

  it('takes its colours from the theme and doubles border widths on a projector', () => {
    const standard = drawn(STANDARD_TOPOLOGY_THEME);
    const projector = drawn(dark);
    expect(standard.border).toBe('rgb(51,51,51)');
    expect(projector.border).toBe('rgb(255,255,255)');
    expect(projector.downFill).toBe('rgb(110,110,110)');
    expect(standard.width).toBeCloseTo(0.5);
    expect(projector.width).toBeCloseTo(1);
    // Down is a cross whatever the theme: never colour alone.
    expect(projector.downShape).toBe('polygon');
  });
});

describe('messages in flight', () => {
  function ops(shape: PacketShape): string {
    const calls: string[] = [];
    const ctx = {
      beginPath: () => calls.push('begin'),
      arc: () => calls.push('arc'),
      rect: () => calls.push('rect'),
      moveTo: () => calls.push('move'),
      lineTo: () => calls.push('line'),
      closePath: () => calls.push('close'),
    };
    tracePacket(ctx, shape, 10, 10, 4);
    return calls.join(' ');
  }

  it('have a shape of their own for every kind, not only a colour', () => {
    expect(PACKET_SHAPES.length).toBeGreaterThanOrEqual(PACKET_KINDS.length);
    const paths = PACKET_SHAPES.map(ops);
    expect(new Set(paths).size).toBe(PACKET_SHAPES.length);
    expect(ops('circle')).toBe('begin arc close');
    expect(ops('square')).toBe('begin rect close');
    expect(ops('triangle')).toBe('begin move line line close');
  });
});
