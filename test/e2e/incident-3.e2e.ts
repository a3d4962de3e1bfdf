/**
 * The whole path a user walks, in Debian's Chromium over the browser bridge: open the incident-3
 * sample → progress → the right root cause on the Overview → the guide → click evidence → Monaco shows
 * that line highlighted → annotate the timeline → export → the Markdown holds the annotation.
 * Every view is saved as a screenshot in test-results/e2e/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { startHarness, type Harness } from './harness';
import { BundlePage } from './pages/bundle';
import { FilePage } from './pages/file';
import { GuidePage } from './pages/guide';
import { HomePage } from './pages/home';
import { ReportPage } from './pages/report';
import { TimelinePage } from './pages/timeline';

const SAMPLE = 'incident-3-hikari-starvation';
const NOTE = 'JVM frozen by the host: housekeeper 1.5 min late (e2e)';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('dark');
});
afterAll(async () => {
  await h?.close();
});

describe('incident 3 in the browser', () => {
  it('walks from the sample to the exported postmortem', async () => {
    const { page } = h;
    const home = new HomePage(page);
    await home.open(h.bridge.url);
    await h.shot('01-home');

    await home.openSample(SAMPLE);
    if (page.url().includes('#/open/')) {
      await page.getByRole('progressbar').or(page.locator('progress')).first().waitFor({ timeout: 10_000 }).catch(() => {});
      await h.shot('02-progress');
    }

    const bundle = new BundlePage(page);
    await bundle.waitForOverview();
    await expect.poll(() => bundle.topRootCause().innerText()).toMatch(/process-starvation/);
    await h.shot('03-overview');

    await bundle.go('Guide');
    const guide = new GuidePage(page);
    await guide.ready();
    expect(await guide.conclusion().innerText()).toMatch(/The process was frozen/);
    await h.shot('04-guide');

    const ev = await guide.firstEvidence();
    const [file, line] = ev.label.split(':') as [string, string];
    await ev.link.click();
    const viewer = new FilePage(page);
    await viewer.ready();
    expect(await viewer.targetLine()).toBe(Number(line));
    const onDisk = readFileSync(join(REPO, 'samples', SAMPLE, 'bundle', file), 'utf8').split('\n')[Number(line) - 1]!;
    expect((await viewer.highlightedText()).trim()).toBe(onDisk.trim());
    expect(onDisk.startsWith(ev.excerpt.trim().slice(0, 40))).toBe(true);
    await h.shot('05-file-viewer');

    await bundle.go('Timeline');
    const timeline = new TimelinePage(page);
    await timeline.ready();
    const before = await timeline.annotations().count();
    await timeline.addAnnotation('Key moment', NOTE);
    await expect.poll(() => timeline.annotations().count()).toBeGreaterThan(before);
    await h.shot('06-timeline');

    await bundle.go('Search');
    await page.getByTestId('search-input').fill('starvation');
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('search-hit').first().waitFor();
    await h.shot('07-search');

    await bundle.go('SQL');
    await page.getByTestId('sql-view').waitFor();
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-grid').waitFor();
    await expect.poll(() => page.getByTestId('sql-status').innerText()).toMatch(/\d+ rows?/);
    await h.shot('08-sql');

    await bundle.go('Annotations');
    await page.getByTestId('annotation').filter({ hasText: NOTE }).waitFor();
    await h.shot('09-annotations');

    await bundle.go('Report');
    const report = new ReportPage(page);
    await report.ready();
    await h.shot('10-report');
    const md = await report.markdown();
    expect(md).toContain(NOTE);
    expect(md).toMatch(/\| Key moment \|/);
    expect(md).toMatch(/process-starvation/);
    const saved = await report.save();
    expect(saved).toBe(md);

    expect(h.errors).toEqual([]);
  });
});
