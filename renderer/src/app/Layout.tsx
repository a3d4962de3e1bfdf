import { useState, type ReactNode } from 'react';
import { transport } from '../api/client';
import { href, navigate, type Route, type ViewName } from './router';
import { SHORTCUTS, useShortcuts } from './shortcuts';
import type { Theme } from './theme';

const NAV: { view: ViewName; label: string; key: string }[] = [
  { view: 'overview', label: 'Overview', key: 'o' },
  { view: 'guide', label: 'Guide', key: 'g' },
  { view: 'timeline', label: 'Timeline', key: 't' },
  { view: 'search', label: 'Search', key: 's' },
  { view: 'sql', label: 'SQL', key: 'q' },
  { view: 'annotations', label: 'Annotations', key: 'a' },
  { view: 'report', label: 'Report', key: 'r' },
];

export function Layout({ route, theme, onToggleTheme, title, children }: { route: Route; theme: Theme; onToggleTheme: () => void; title: ReactNode; children: ReactNode }) {
  const [help, setHelp] = useState(false);
  const ref = route.name === 'bundle' ? route.ref : null;
  const handlers: Record<string, () => void> = {
    '?': () => setHelp((h) => !h),
    Escape: () => setHelp(false),
    'Ctrl+O': () => navigate('#/'),
  };
  if (ref) for (const n of NAV) handlers[`g ${n.key}`] = () => navigate(href(ref, n.view));
  useShortcuts(handlers);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/" aria-label="Rootline start page">
          Rootline
        </a>
        {title && <span className="bundle-title">{title}</span>}
        <span className="spacer" />
        <span className="muted mode" title={transport.kind === 'browser' ? 'Running in a browser against the local bridge' : 'Desktop app'}>
          {transport.kind === 'browser' ? 'browser mode' : 'desktop'}
        </span>
        <button type="button" className="icon" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
        <button type="button" className="icon" onClick={onToggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <div className="body">
        {ref && (
          <nav className="sidebar" aria-label="Views">
            {NAV.map((n) => (
              <a key={n.view} href={href(ref, n.view)} className={route.name === 'bundle' && route.view === n.view ? 'active' : ''} aria-current={route.name === 'bundle' && route.view === n.view ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
        )}
        <main className="main" id="main">
          {children}
        </main>
      </div>
      {help && (
        <div className="modal-backdrop" onClick={() => setHelp(false)}>
          <div className="modal" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
            <h2>Keyboard shortcuts</h2>
            <table className="shortcuts">
              <tbody>
                {SHORTCUTS.map((s) => (
                  <tr key={s.keys}>
                    <td>
                      <kbd>{s.keys}</kbd>
                    </td>
                    <td>{s.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" onClick={() => setHelp(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
