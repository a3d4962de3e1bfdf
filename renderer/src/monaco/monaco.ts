/**
 * The one Monaco setup shared by the file viewer and the SQL console: the editor core and only the
 * features and languages they use (no `editor.main`, which pulls in every language and the TS
 * service), the editor worker loaded as an ES module worker (CSP: `worker-src 'self' blob:`, no
 * eval), our log language, and themes built from the app's CSS variables that follow
 * `html[data-theme]`.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// Features (side-effect registrations), chosen for a read-only log viewer and a small SQL editor.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
// Languages: SQL (Monarch, lazy) and our own log tokenizer; plaintext is built in.
import 'monaco-editor/languages/definitions/sql/register';
import { LOG_LANGUAGE_ID, logLanguage, logLanguageConfiguration } from './log-language';
import { MONACO_THEME, themeData, type ThemeVars } from './theme';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: LOG_LANGUAGE_ID, aliases: ['Log'], extensions: ['.log'] });
monaco.languages.setMonarchTokensProvider(LOG_LANGUAGE_ID, logLanguage);
monaco.languages.setLanguageConfiguration(LOG_LANGUAGE_ID, logLanguageConfiguration);

function readVars(): ThemeVars {
  const css = getComputedStyle(document.documentElement);
  const get = (name: string) => css.getPropertyValue(name).trim();
  return {
    bg: get('--bg'),
    bgRaised: get('--bg-raised'),
    bgSunken: get('--bg-sunken'),
    border: get('--border'),
    text: get('--text'),
    muted: get('--muted'),
    accent: get('--accent'),
    critical: get('--critical'),
    high: get('--high'),
    medium: get('--medium'),
    low: get('--low'),
    ok: get('--ok'),
  };
}

export function currentAppTheme(): 'dark' | 'light' {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

/** (Re)defines the Monaco theme from the current CSS variables and applies it to every editor. */
function applyTheme(): void {
  const dark = currentAppTheme() === 'dark';
  monaco.editor.defineTheme(MONACO_THEME, themeData(readVars(), dark));
  monaco.editor.setTheme(MONACO_THEME);
}

applyTheme();
new MutationObserver(applyTheme).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

export { monaco };
export { LOG_LANGUAGE_ID, MONACO_THEME };
