import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STATE, fitToDisplays, loadWindowState, parseState, saveWindowState, trackWindow, type Rect } from './window-state';

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const RIGHT: Rect = { x: 1440, y: 0, width: 2560, height: 1410 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rootline-window-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseState', () => {
  it('gives the defaults for a missing, damaged or foreign file', () => {
    for (const text of [null, '', '{', 'null', '[]', '"x"', '{"width":"big"}']) expect(parseState(text), String(text)).toMatchObject(DEFAULT_STATE);
    expect(parseState('{"width":-5,"height":0,"x":1}')).toEqual(DEFAULT_STATE);
  });

  it('keeps valid fields', () => {
    expect(parseState('{"x":10.4,"y":-20,"width":1000,"height":700,"maximized":true}')).toEqual({ x: 10, y: -20, width: 1000, height: 700, maximized: true });
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on a display', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [LAPTOP])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: 2000, y: 100, width: 1600, height: 1000, maximized: true }, [LAPTOP, RIGHT])).toEqual({ x: 2000, y: 100, width: 1600, height: 1000, maximized: true });
  });

  it('centres a window left on a display that is gone on the primary one', () => {
    const undocked = fitToDisplays({ x: 2000, y: 100, width: 1600, height: 1000, maximized: false }, [LAPTOP]);
    expect(undocked).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
    const small = fitToDisplays({ x: -5000, y: -5000, width: 1000, height: 600, maximized: false }, [LAPTOP]);
    expect(small).toEqual({ x: 220, y: 138, width: 1000, height: 600, maximized: false });
  });

  it('pulls a window that hangs off the edge fully onto its display, shrinking it to fit', () => {
    expect(fitToDisplays({ x: 1000, y: 600, width: 1200, height: 800, maximized: false }, [LAPTOP])).toEqual({ x: 240, y: 75, width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: -100, y: -40, width: 3000, height: 2000, maximized: false }, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('treats a sliver on screen as off screen', () => {
    // only 20 px of the window is on the laptop: not enough to grab it
    expect(fitToDisplays({ x: 1420, y: 100, width: 1000, height: 700, maximized: false }, [LAPTOP])).toMatchObject({ x: 220, y: 88 });
  });

  it('centres a first-launch window and respects the minimum size where the display allows', () => {
    expect(fitToDisplays({ ...DEFAULT_STATE }, [RIGHT])).toEqual({ x: 1440 + 640, y: 295, width: 1280, height: 820, maximized: false });
    expect(fitToDisplays({ width: 200, height: 100, maximized: false }, [LAPTOP])).toMatchObject({ width: 800, height: 560 });
    expect(fitToDisplays({ width: 1280, height: 820, maximized: false }, [{ x: 0, y: 0, width: 640, height: 480 }])).toEqual({ x: 0, y: 0, width: 640, height: 480, maximized: false });
    expect(fitToDisplays({ width: 1280, height: 820, maximized: false }, [])).toEqual({ width: 1280, height: 820, maximized: false });
  });
});

describe('persistence', () => {
  it('saves and restores, fitted to the displays', () => {
    const file = join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file, [LAPTOP])).toEqual(fitToDisplays({ ...DEFAULT_STATE }, [LAPTOP]));
    saveWindowState(file, { x: 30, y: 40, width: 1100, height: 700, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 30, y: 40, width: 1100, height: 700, maximized: true });
    expect(loadWindowState(file, [LAPTOP])).toEqual({ x: 30, y: 40, width: 1100, height: 700, maximized: true });
    writeFileSync(file, 'garbage');
    expect(loadWindowState(file, [LAPTOP])).toMatchObject({ width: 1280, height: 820 });
  });

  it('tracks a window: debounced saves on move and resize, at once on maximise and close', () => {
    vi.useFakeTimers();
    try {
      const file = join(dir, 'window-state.json');
      const win = Object.assign(new EventEmitter(), {
        bounds: { x: 1, y: 2, width: 900, height: 600 },
        max: false,
        destroyed: false,
        getNormalBounds() {
          return this.bounds;
        },
        isMaximized() {
          return this.max;
        },
        isDestroyed() {
          return this.destroyed;
        },
      });
      trackWindow(win as never, file, 300);
      win.bounds = { x: 50, y: 60, width: 1000, height: 700 };
      win.emit('move');
      win.emit('resize');
      expect(() => readFileSync(file)).toThrow();
      vi.advanceTimersByTime(300);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: false });
      win.max = true;
      win.emit('maximize');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000, maximized: true });
      win.max = false;
      win.bounds = { x: 5, y: 5, width: 800, height: 600 };
      win.emit('close');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 5, y: 5, width: 800, height: 600, maximized: false });
    } finally {
      vi.useRealTimers();
    }
  });
});
