import type { Page } from 'playwright-core';

export class ReportPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('report-view').waitFor();
    await this.page.getByTestId('report-preview').waitFor();
  }

  async markdown(): Promise<string> {
    await this.page.getByTestId('report-tab-markdown').click();
    const area = this.page.getByTestId('report-markdown');
    await area.waitFor();
    return area.inputValue();
  }

  /** Save in the browser downloads postmortem.md; returns its text. */
  async save(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('report-save').click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
