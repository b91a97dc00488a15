/**
 * The Electron shell's security decisions as pure functions: no 'electron' import, so
 * tests/unit/electronSecurityPolicy.test.ts can check them without an Electron binary.
 * Everything here fails closed: a URL that does not parse is never trusted.
 */

/** What the IPC handlers know about the frame that sent a message (null once it navigated away or closed). */
export interface SenderFrame {
  url: string;
  /** False for an iframe: only the app's own top-level page may call the core. */
  isTopFrame: boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the app's own page. Packaged: exactly the file out/renderer/index.html
 * (the same path, not just any file: URL, since every local file shares one "origin").
 * In development: the same origin as the electron-vite dev server. Should the app ever be
 * served from a privileged scheme of its own (app://porter/), the same scheme and exact host.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parse(url);
  const app = parse(appUrl);
  if (!candidate || !app) return false;
  if (candidate.username !== '' || candidate.password !== '') return false;
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    // URL.origin compares scheme, host and port exactly, so 127.0.0.1.evil.com never matches.
    return candidate.origin === app.origin;
  }
  if (app.protocol === 'data:' || app.protocol === 'javascript:' || app.protocol === 'blob:' || app.protocol === 'about:') return false;
  // A custom scheme has an opaque origin ("null" for every URL), so compare its parts instead.
  return app.host !== '' && candidate.protocol === app.protocol && candidate.host === app.host;
}

/** IPC is answered only for the app's own page in the top frame: never an iframe, never a frame that is gone. */
export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  if (!frame.isTopFrame) return false;
  return isAppUrl(frame.url, appUrl);
}

/** A window may navigate only within the app itself; anything else would run foreign content next to the preload. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/**
 * Sites a link in the app may open in the user's browser: https origins only, compared exactly.
 * Empty for now, so no link leaves the app; the supplier's site will join it from the settings.
 */
export const EXTERNAL_LINK_ALLOW_LIST: readonly string[] = [];

/** What to do with a navigation of an app window: stay (within the app) or cancel it, handing an allowed link to the browser. */
export function navigationDecision(
  url: string,
  appUrl: string,
  allowList: readonly string[] = EXTERNAL_LINK_ALLOW_LIST,
): { allow: boolean; openExternally: boolean } {
  if (isAllowedNavigation(url, appUrl)) return { allow: true, openExternally: false };
  return { allow: false, openExternally: isAllowedExternalUrl(url, allowList) };
}

/**
 * window.open and target=_blank: Porter never opens a second window (it would get no
 * preload rules of its own to check), so the answer is always deny; an allowed https link
 * goes to the user's browser instead.
 */
export function windowOpenDecision(
  url: string,
  allowList: readonly string[] = EXTERNAL_LINK_ALLOW_LIST,
): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url, allowList) };
}

/**
 * Links that may open in the user's browser: https only, and only origins on the
 * allow-list (e.g. 'https://porter.example.ru'). An empty list opens nothing.
 */
export function isAllowedExternalUrl(url: string, allowList: readonly string[]): boolean {
  const candidate = parse(url);
  if (!candidate || candidate.protocol !== 'https:') return false;
  if (candidate.username !== '' || candidate.password !== '') return false;
  return allowList.some((entry) => {
    const allowed = parse(entry);
    // An entry is an origin: one with a path, query or credentials is a mistake and allows nothing.
    if (!allowed || allowed.protocol !== 'https:' || allowed.username !== '' || allowed.password !== '') return false;
    if (allowed.pathname !== '/' || allowed.search !== '' || allowed.hash !== '') return false;
    return allowed.origin === candidate.origin;
  });
}

/**
 * Web permissions (camera, notifications, geolocation, clipboard, …): Porter needs none, so
 * every request and every check is refused. Used for setPermissionRequestHandler,
 * setPermissionCheckHandler and setDevicePermissionHandler alike.
 */
export function permissionDecision(_permission?: string): boolean {
  return false;
}
