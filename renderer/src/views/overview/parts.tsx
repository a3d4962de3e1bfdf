/** Small pieces shared by the overview, guide, annotations and report views. */
import { useId, useState, type ReactNode } from 'react';
import { codeSpans } from './text';
import './parts.css';

/** A button that shows and hides a region (aria-expanded / aria-controls), for long lists and evidence. */
export function Expander({
  label,
  open: initial = false,
  children,
  testId,
  className,
}: {
  label: ReactNode;
  open?: boolean;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(initial);
  const id = useId();
  return (
    <div className={`rl-expander${open ? ' open' : ''}${className ? ` ${className}` : ''}`}>
      <button type="button" className="rl-expander-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} data-testid={testId}>
        <span className="rl-caret" aria-hidden="true">
          ▸
        </span>
        {label}
      </button>
      <div id={id} hidden={!open} className="rl-expander-body">
        {open ? children : null}
      </div>
    </div>
  );
}

/** External references (documentation, issues) open outside the app. */
export function References({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="rl-refs" aria-label="references">
      {items.map((r) => (
        <li key={r}>
          {/^https?:\/\//.test(r) ? (
            <a href={r} target="_blank" rel="noopener noreferrer">
              {r}
            </a>
          ) : (
            <span>{r}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Scrolls to a section of the page (hash links are taken by the router). */
export function scrollToId(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
}

/** Engine text with its `code spans` shown as code. */
export function Text({ children }: { children: string }) {
  return (
    <>
      {codeSpans(children).map((p, i) =>
        p.code ? (
          <code key={i} className="rl-code">
            {p.text}
          </code>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
