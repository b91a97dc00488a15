import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { createLogger } from '../core/logger';
import { CONTENT_SECURITY_POLICY } from '../core/securityPolicy';
import { isAllowedNavigation, navigationDecision, permissionDecision, windowOpenDecision } from './securityPolicy';

const log = createLogger('main.window');

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
  session.setDevicePermissionHandler((details) => permissionDecision(details.deviceType));
  // The packaged page also carries a meta CSP; the header covers the dev server and anything the meta tag cannot (frame-ancestors).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/** The decision was made by securityPolicy (https and on the allow-list); this only carries it out. */
function openExternally(url: string, allowed: boolean): void {
  if (allowed) void shell.openExternal(url);
  else log.warn('blocked a link to an address outside the app', { url });
}

/** Per-window rules: no navigation away from the app, no new windows, no <webview>. */
function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    openExternally(url, decision.openExternally);
    return { action: decision.action };
  });
  const onNavigate = (event: Electron.Event, url: string) => {
    const decision = navigationDecision(url, appUrl);
    if (decision.allow) return;
    event.preventDefault();
    openExternally(url, decision.openExternally);
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
      // Middle-click would open links as new windows; they are denied anyway, this keeps the event from firing.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(window.webContents, source.url);
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  const loaded = source.kind === 'url' ? window.loadURL(source.url) : window.loadFile(source.file);
  loaded.catch((error: unknown) => log.error('the window failed to load the app', { error: String(error) }));
  return window;
}
