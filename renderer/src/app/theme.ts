import { useEffect, useState } from 'react';

export type Theme = 'dark' | 'light';
const KEY = 'rootline.theme';

function initial(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/** Theme on <html data-theme>, remembered; the Electron menu can toggle it through the same event. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initial);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEY, theme);
  }, [theme]);
  useEffect(() => {
    const toggle = () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'));
    window.addEventListener('rootline:toggle-theme', toggle);
    return () => window.removeEventListener('rootline:toggle-theme', toggle);
  }, []);
  return [theme, () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))];
}
