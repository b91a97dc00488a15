import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { createLogger } from '../core/logger';
import { CONTENT_SECURITY_POLICY } from '../core/securityPolicy';
import { isAllowedExternalUrl, isAllowedNavigation, permissionDecision } from './securityPolicy';

const log = createLogger('main.window');

/** Sites a link in the app may open in the user's browser (https origins). None yet. */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [];

/** Where the renderer comes from: the dev server in development, the built file otherwise. */
export type RendererSource = { kind: 'url'; url: string } | { kind: 'file'; file: string; url: string };

/** Session-wide rules, set once before any window loads. */
export function hardenSession(session: Session, devServer: boolean): void {
  // The dev server's React refresh preamble is an inline script and its HMR a websocket; only then are they allowed.
  const policy = devServer
    ? CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
        "connect-src 'self'",
        "connect-src 'self' ws:",
      )
    : CONTENT_SECURITY_POLICY;
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(permissionDecision(permission)));
  session.setPermissionCheckHandler((_webContents, permission) => permissionDecision(permission));
  // The packaged page also carries a meta CSP; the header covers the dev server and anything the meta tag cannot (frame-ancestors).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

function openExternallyIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url, EXTERNAL_URL_ALLOW_LIST)) void shell.openExternal(url);
  else log.warn('blocked a link to an address outside the app', { url });
}

/** Per-window rules: no navigation away from the app, no new windows, no <webview>. */
function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternallyIfAllowed(url);
    return { action: 'deny' };
  });
  const onNavigate = (event: Electron.Event, url: string) => {
    if (isAllowedNavigation(url, appUrl)) return;
    event.preventDefault();
    openExternallyIfAllowed(url);
  };
  contents.on('will-navigate', (event) => onNavigate(event, event.url));
  // will-navigate only sees the top frame; iframes and redirects get the same rule.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(source: RendererSource, preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Porter',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  hardenWebContents(window.webContents, source.url);
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  const loaded = source.kind === 'url' ? window.loadURL(source.url) : window.loadFile(source.file);
  loaded.catch((error: unknown) => log.error('the window failed to load the app', { error: String(error) }));
  return window;
}
