import type { Page } from 'playwright-core';

export class HomePage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('heading', { name: 'Open an incident bundle' }).waitFor();
  }

  /** Opens a bundled sample; returns once the ingest progress view is showing or already done. */
  async openSample(name: string): Promise<void> {
    await this.page.getByTestId(`sample-${name}`).click();
    await this.page.waitForURL(/#\/(open|b)\//);
  }

  async openPath(path: string): Promise<void> {
    await this.page.getByLabel('Path on this machine').fill(path);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
    await this.page.waitForURL(/#\/(open|b)\//);
  }
}
