import type { Page } from 'playwright-core';

export class TimelinePage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('timeline-view').waitFor();
    await this.page.getByTestId('timeline-lanes').waitFor();
  }

  /** Adds an annotation at the cursor (or the selection) through the shared editor. */
  async addAnnotation(marker: 'Detection' | 'Diagnosis' | 'Repair' | 'Key moment' | 'Note', text: string): Promise<void> {
    await this.page.getByTestId('timeline-add-annotation').click();
    const form = this.page.getByRole('form', { name: 'New annotation' });
    await form.waitFor();
    await form.getByText(marker, { exact: true }).click();
    await form.getByRole('textbox', { name: 'Note' }).fill(text);
    await form.getByRole('button', { name: 'Add annotation' }).click();
    await form.waitFor({ state: 'detached' });
  }

  annotations() {
    return this.page.getByTestId('timeline-annotation');
  }
}
