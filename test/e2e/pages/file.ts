import type { Page } from 'playwright-core';

/** The Monaco file viewer. */
export class FilePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('file-editor').waitFor();
    await this.page.locator('.rl-target-line').first().waitFor();
  }

  async targetLine(): Promise<number> {
    return Number(await this.page.getByTestId('file-editor').getAttribute('data-target-line'));
  }

  /** The text Monaco renders on the highlighted line: view lines are positioned, so match by height on screen. */
  async highlightedText(): Promise<string> {
    const target = await this.page.locator('.rl-target-line').first().boundingBox();
    if (!target) return '';
    const lines = this.page.locator('.view-lines .view-line');
    const n = await lines.count();
    for (let i = 0; i < n; i++) {
      const box = await lines.nth(i).boundingBox();
      if (box && Math.abs(box.y - target.y) < 2) return (await lines.nth(i).innerText()).replace(/\u00a0/g, ' ');
    }
    return '';
  }
}
