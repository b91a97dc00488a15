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
 * In development: the same origin as the electron-vite dev server.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parse(url);
  const app = parse(appUrl);
  if (!candidate || !app) return false;
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    // URL.origin compares scheme, host and port exactly, so 127.0.0.1.evil.com or a user@host trick never match.
    return candidate.origin === app.origin && candidate.username === '' && candidate.password === '';
  }
  return false;
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
 * Links that may open in the user's browser: https only, and only origins on the
 * allow-list (e.g. 'https://porter.example.ru'). An empty list opens nothing.
 */
export function isAllowedExternalUrl(url: string, allowList: readonly string[]): boolean {
  const candidate = parse(url);
  if (!candidate || candidate.protocol !== 'https:') return false;
  if (candidate.username !== '' || candidate.password !== '') return false;
  return allowList.some((entry) => {
    const allowed = parse(entry);
    return allowed !== null && allowed.protocol === 'https:' && allowed.origin === candidate.origin;
  });
}

/** Web permissions (camera, notifications, geolocation, …): Porter needs none, so every request is refused. */
export function permissionDecision(_permission?: string): boolean {
  return false;
}
