/**
 * Secure defaults for the window and its session (Electron's security checklist): isolated and
 * sandboxed renderer without Node, a content security policy, no navigation away from the app, no
 * new windows, no permissions, and external links only to the user's browser and only for http(s).
 */
import type { Session, Shell, WebContents, WebPreferences } from 'electron';
import { sameDocument } from './ipc';

/**
 * Sent as a header for every response the session loads. The renderer's index.html carries the same
 * policy in a meta tag, which is what applies to the file:// page itself; this adds what a meta tag
 * cannot say (frame-ancestors) and covers anything loaded over HTTP.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Only web pages go to the user's browser: never file:, javascript:, custom schemes or garbage. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function openExternalSafe(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isExternalWebUrl(url)) return false;
  shell.openExternal(url).catch(() => {}); // no browser configured: nothing else to do
  return true;
}

/** The window may show our page only; links to the web open in the browser, anything else is dropped. */
export function hardenWebContents(contents: WebContents, rendererUrl: string, shell: Pick<Shell, 'openExternal'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafe(shell, url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (sameDocument(url, rendererUrl)) return;
    event.preventDefault();
    openExternalSafe(shell, url);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions are refused — except writing plain text to the clipboard, which the "copy" buttons
 * need and which cannot read anything.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function hardenSession(ses: Session, csp: string = CSP): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.includes(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.includes(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
