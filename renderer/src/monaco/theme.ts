/**
 * Monaco's theme, built from the app's CSS variables (app.css) so the editors match both themes.
 * Pure: `monaco.ts` reads the variables and applies the result.
 */
import type { editor } from 'monaco-editor/editor/editor.api';
import { LOG_TOKENS } from './log-language';

export const MONACO_THEME = 'rootline';

export interface ThemeVars {
  bg: string;
  bgRaised: string;
  bgSunken: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  critical: string;
  high: string;
  medium: string;
  low: string;
  ok: string;
}

const FALLBACK_DARK: ThemeVars = {
  bg: '#111418', bgRaised: '#181c22', bgSunken: '#0c0e11', border: '#2a3039', text: '#e3e7ec', muted: '#8f99a6',
  accent: '#5aa9ff', critical: '#ff5d5d', high: '#ff9a4d', medium: '#f2c744', low: '#7cc6ff', ok: '#4ccf8a',
};
const FALLBACK_LIGHT: ThemeVars = {
  bg: '#f7f8fa', bgRaised: '#ffffff', bgSunken: '#eef0f3', border: '#d6dbe1', text: '#1b2026', muted: '#5d6773',
  accent: '#0b63ce', critical: '#c62828', high: '#d35400', medium: '#9a7400', low: '#1f6fb2', ok: '#1e8a4f',
};

/** `#abc` / `#aabbcc` → `#aabbcc`; anything else → null. */
export function normalizeHex(v: string): string | null {
  const s = v.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}`;
  return null;
}

/** `#rrggbb` plus an alpha 0..1 → `#rrggbbaa` (Monaco's colour format). */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  return `${hex}${a.toString(16).padStart(2, '0')}`;
}

export function themeData(vars: Partial<ThemeVars>, dark: boolean): editor.IStandaloneThemeData {
  const fb = dark ? FALLBACK_DARK : FALLBACK_LIGHT;
  const c = Object.fromEntries(
    (Object.keys(fb) as (keyof ThemeVars)[]).map((k) => [k, normalizeHex(vars[k] ?? '') ?? fb[k]]),
  ) as unknown as ThemeVars;
  const tok = (hex: string) => hex.slice(1);
  return {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [
      { token: LOG_TOKENS.timestamp, foreground: tok(c.low) },
      { token: LOG_TOKENS.error, foreground: tok(c.critical), fontStyle: 'bold' },
      { token: LOG_TOKENS.warn, foreground: tok(c.high), fontStyle: 'bold' },
      { token: LOG_TOKENS.info, foreground: tok(c.ok) },
      { token: LOG_TOKENS.debug, foreground: tok(c.muted) },
      { token: LOG_TOKENS.exception, foreground: tok(c.high) },
      { token: LOG_TOKENS.caused, foreground: tok(c.critical), fontStyle: 'bold' },
      { token: LOG_TOKENS.frame, foreground: tok(c.muted) },
      { token: LOG_TOKENS.thread, foreground: tok(c.accent) },
    ],
    colors: {
      'editor.background': c.bgSunken,
      'editor.foreground': c.text,
      'editorGutter.background': c.bgSunken,
      'editorLineNumber.foreground': c.muted,
      'editorLineNumber.activeForeground': c.text,
      'editor.lineHighlightBackground': withAlpha(c.accent, 0.07),
      'editor.lineHighlightBorder': '#00000000',
      'editor.selectionBackground': withAlpha(c.accent, 0.3),
      'editor.inactiveSelectionBackground': withAlpha(c.accent, 0.18),
      'editorCursor.foreground': c.accent,
      'editorWidget.background': c.bgRaised,
      'editorWidget.border': c.border,
      'editorHoverWidget.background': c.bgRaised,
      'editorHoverWidget.border': c.border,
      'editorSuggestWidget.background': c.bgRaised,
      'editorSuggestWidget.border': c.border,
      'editorSuggestWidget.selectedBackground': withAlpha(c.accent, 0.25),
      'input.background': c.bg,
      'input.border': c.border,
      focusBorder: c.accent,
      'scrollbarSlider.background': withAlpha(c.muted, 0.25),
      'scrollbarSlider.hoverBackground': withAlpha(c.muted, 0.4),
      'scrollbarSlider.activeBackground': withAlpha(c.muted, 0.55),
      'editorOverviewRuler.border': '#00000000',
    },
  };
}
