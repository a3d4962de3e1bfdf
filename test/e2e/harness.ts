/**
 * The end-to-end harness: the browser bridge in-process with a private ROOTLINE home, the built
 * renderer, and Debian's Chromium. Screenshots go to test-results/e2e/ (a CI artifact).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RootlineEngine } from '../../engine/api/engine';
import { startBridge, type Bridge } from '../../cli/bridge/server';
import { REPO } from '../support/cli';
import { CHROMIUM, launchChromium } from './browser';

export const SHOTS = join(REPO, 'test-results', 'e2e');
export const RENDERER = join(REPO, 'dist', 'renderer');

export interface Harness {
  engine: RootlineEngine;
  bridge: Bridge;
  browser: Browser;
  page: Page;
  /** Console errors the page logged (a failing API call the view handles is expected; a crash is not). */
  errors: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(theme: 'dark' | 'light' = 'dark'): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the end-to-end tests`);
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('dist/renderer is not built: run `npm run build` (npm test and npm run e2e do)');
  mkdirSync(SHOTS, { recursive: true });
  const engine = new RootlineEngine({ home: mkdtempSync(join(tmpdir(), 'rootline-e2e-')) });
  const bridge = await startBridge({ engine, rendererDir: RENDERER });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    engine,
    bridge,
    browser,
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await browser.close();
      await bridge.close();
      engine.close();
    },
  };
}
