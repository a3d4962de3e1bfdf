/** Debian's Chromium through playwright-core (Playwright's own browser download cannot work here). */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.ROOTLINE_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
