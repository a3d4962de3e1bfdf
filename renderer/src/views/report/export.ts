/** Getting the postmortem out: the clipboard (with a fallback) and a file (Electron's dialog or a browser download). */
import { transport } from '../../api/client';
import { POSTMORTEM_FILENAME } from './options';

/** Copies text; the async clipboard API when allowed, else a hidden textarea and `execCommand('copy')`. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* denied or not a secure context: fall back */
  }
  const active = document.activeElement as HTMLElement | null;
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.top = '-1000px';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  active?.focus();
  return ok;
}

/** Electron: the save dialog; browser: a download of postmortem.md through a Blob URL. */
export async function saveMarkdown(text: string): Promise<'saved' | 'cancelled' | 'downloaded'> {
  if (transport.saveFile) return (await transport.saveFile(POSTMORTEM_FILENAME, text)) ? 'saved' : 'cancelled';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = POSTMORTEM_FILENAME;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return 'downloaded';
}
