import type { Locator, Page } from 'playwright-core';

export class GuidePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('guide-view').waitFor();
    await this.page.getByTestId('guide-conclusion').waitFor();
  }

  conclusion(): Locator {
    return this.page.getByTestId('guide-conclusion');
  }

  /** The first piece of evidence of the first confirmed check: its `file:line` text and the link. */
  async firstEvidence(): Promise<{ label: string; link: Locator; excerpt: string }> {
    const check = this.page.locator('[data-testid="guide-check"][data-status="confirmed"]').first();
    const link = check.getByTestId('evidence-link').first();
    await link.waitFor();
    const item = check.locator('li.evidence').first();
    return { label: (await link.innerText()).trim(), link, excerpt: (await item.locator('pre.excerpt').innerText()).split('\n')[0]! };
  }
}
