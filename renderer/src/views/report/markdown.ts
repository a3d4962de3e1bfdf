/**
 * Markdown → safe HTML for the postmortem preview. The text carries log lines and names from the
 * bundle (hostile input), so marked's output always goes through DOMPurify: no scripts, no styles, no
 * images (nothing loads from elsewhere), no ids (no DOM clobbering), links only to http(s) and mailto
 * and opened outside the app.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false });
const purify = DOMPurify(window);

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  if (/^(https?:|mailto:)/i.test(href)) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else {
    // In-app (#…) or relative links would steer the app's hash router; keep the text only.
    node.removeAttribute('href');
  }
});

export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false });
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'img', 'picture', 'video', 'audio', 'iframe', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math'],
    FORBID_ATTR: ['style', 'id', 'name', 'srcset', 'formaction'],
  });
}
