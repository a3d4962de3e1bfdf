import { useEffect } from 'react';

export interface Shortcut {
  keys: string;
  description: string;
}

/** One place lists every shortcut: the help overlay shows this table. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'g o', description: 'Overview' },
  { keys: 'g g', description: 'Guide' },
  { keys: 'g t', description: 'Timeline' },
  { keys: 'g s', description: 'Search' },
  { keys: 'g q', description: 'SQL console' },
  { keys: 'g a', description: 'Annotations' },
  { keys: 'g r', description: 'Report' },
  { keys: '/', description: 'Focus search' },
  { keys: 'n', description: 'New annotation (timeline, file viewer, annotations)' },
  { keys: 'Ctrl+G', description: 'Go to line (file viewer)' },
  { keys: '[ / ]', description: 'Previous / next evidence line (file viewer)' },
  { keys: 'Ctrl+Enter', description: 'Run the query (SQL console)' },
  { keys: '?', description: 'Show shortcuts' },
  { keys: 'Ctrl+O', description: 'Open a bundle' },
];

function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || !!t.closest('.monaco-editor'));
}

/** Two-key sequences ("g t") and single keys; ignored while typing in a field or an editor. */
export function useShortcuts(handlers: Record<string, () => void>): void {
  useEffect(() => {
    let prefix = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) {
        const combo = `Ctrl+${e.key.toUpperCase()}`;
        if (handlers[combo]) {
          e.preventDefault();
          handlers[combo]!();
        }
        return;
      }
      if (typing(e) || e.altKey) return;
      const seq = prefix ? `${prefix} ${e.key}` : e.key;
      if (handlers[seq]) {
        e.preventDefault();
        prefix = '';
        handlers[seq]!();
        return;
      }
      if (Object.keys(handlers).some((k) => k.startsWith(`${e.key} `))) {
        prefix = e.key;
        clearTimeout(timer);
        timer = setTimeout(() => (prefix = ''), 1200);
      } else prefix = '';
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, [handlers]);
}
