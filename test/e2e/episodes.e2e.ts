/**
 * A bundle with two unrelated incidents, in Debian's Chromium: the Overview shows both episodes on its
 * strip and summarises the selected one; each episode has its own top cause; causes another explains
 * are listed as consequences in the same words in the Overview, the Guide and the exported postmortem;
 * the timeline shades both windows. Screenshots in test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BundlePage } from './pages/bundle';
import { GuidePage } from './pages/guide';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';
import { TimelinePage } from './pages/timeline';

const SAMPLE = 'two-incidents-freeze-then-db-restart';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('light');
});
afterAll(async () => {
  await h?.close();
});

describe('two incidents in one bundle, in the browser', () => {
  it('shows each episode with its own cause and names consequences alike everywhere', async () => {
    const { page } = h;
    const home = new HomePage(page);
    await home.open(h.bridge.url);
    await home.openSample(SAMPLE);
    const bundle = new BundlePage(page);
    await bundle.waitForOverview();

    const strip = page.getByTestId('episode-strip');
    await strip.waitFor();
    await expect.poll(() => page.getByTestId('episode-tab-E1').count()).toBe(1);
    expect(await page.getByTestId('episode-tab-E2').count()).toBe(1);
    const summary = page.getByTestId('incident-summary');
    await summary.waitFor();
    await h.shot('11-episodes-overview');

    await page.getByTestId('episode-tab-E1').click();
    await expect.poll(() => summary.innerText()).toMatch(/Episode E1 of 2/);
    expect(await summary.innerText()).toMatch(/process-starvation/);
    expect(await bundle.topRootCause().innerText()).toMatch(/process-starvation/);

    await page.getByTestId('episode-tab-E2').click();
    await expect.poll(() => summary.innerText()).toMatch(/Episode E2 of 2/);
    expect(await summary.innerText()).toMatch(/database-unavailable/);
    expect(await summary.innerText()).toMatch(/first signal/i);
    expect(await bundle.topRootCause().innerText()).toMatch(/database-unavailable/);
    const consequences = page.getByTestId('consequence');
    await consequences.first().waitFor();
    const overviewWords = await consequences.filter({ hasText: 'idle-connections-closed' }).locator('p').first().innerText();
    expect(overviewWords).toMatch(/^Consequence of database-unavailable: /);
    await h.shot('12-episode-2-overview');

    await page.getByRole('link', { name: 'Walk through this episode in the Guide →' }).click();
    const guide = new GuidePage(page);
    await guide.ready();
    expect(await page.getByTestId('guide-episode').innerText()).toMatch(/Episode E2/);
    const comparisons = page.getByTestId('guide-comparison');
    await comparisons.first().waitFor();
    expect(await comparisons.filter({ hasText: 'Idle connections' }).innerText()).toContain(overviewWords);
    await h.shot('13-episode-2-guide');

    await bundle.go('Timeline');
    const timeline = new TimelinePage(page);
    await timeline.ready();
    await expect.poll(() => page.locator('[data-testid="timeline-episodes"] .tl-episode').count()).toBe(2);
    await h.shot('14-episodes-timeline');

    await bundle.go('Report');
    const report = new ReportPage(page);
    await report.ready();
    const md = await report.markdown();
    expect(md).toContain('## Root causes by episode');
    expect(md).toMatch(/### E1 ·/);
    expect(md).toMatch(/### E2 ·/);
    expect(md).toContain(overviewWords);
    await h.shot('15-episodes-report');

    expect(h.errors).toEqual([]);
  });
});
