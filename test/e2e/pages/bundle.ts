import type { Locator, Page } from 'playwright-core';

/** Navigation between the views of an open bundle, through the sidebar like a user. */
export class BundlePage {
  constructor(readonly page: Page) {}

  async waitForOverview(timeoutMs = 120_000): Promise<void> {
    await this.page.waitForURL(/#\/b\/[^/]+\/overview/, { timeout: timeoutMs });
    await this.page.getByTestId('overview-view').waitFor({ timeout: timeoutMs });
  }

  async go(view: 'Overview' | 'Guide' | 'Timeline' | 'Search' | 'SQL' | 'Annotations' | 'Report'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  }

  topRootCause(): Locator {
    return this.page.getByTestId('root-cause').first();
  }
}
