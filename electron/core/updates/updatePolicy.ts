/**
 * When and from where Porter updates itself, as pure functions: the Electron wiring
 * (electron/main/updates) asks these and only carries the answers out.
 */

/** Local hours [startHour, endHour) when an update may download without asking; may wrap past midnight (22 → 5). */
export interface QuietHours {
  startHour: number;
  endHour: number;
}

export interface UpdateSettings {
  /** The supplier's generic feed (a folder holding latest*.yml, their .sig files and the installers); null turns updates off. */
  feedUrl: string | null;
  /** null: never download without the user's yes. */
  quietHours: QuietHours | null;
}

/**
 * Until the feed and the quiet hours come from the settings screen: the placeholder feed of
 * electron-builder.yml and 02:00–05:00, when store PCs left on are idle.
 */
export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = {
  feedUrl: 'https://updates.porter.example.ru/porter/',
  quietHours: { startHour: 2, endHour: 5 },
};

/** How often a running Porter looks for an update, and how long after start it first looks. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const FIRST_UPDATE_CHECK_DELAY_MS = 60 * 1000;

/** Why a feed address is refused, or null when it is usable: https only, no credentials, no query or fragment. */
export function feedUrlProblem(feedUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    return `The update address "${feedUrl}" is not a URL`;
  }
  if (url.protocol !== 'https:') return `The update address must use https, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'The update address must not carry a user name or password';
  if (url.search || url.hash) return 'The update address must not have a query or fragment';
  return null;
}

/** The feed as a base for relative URLs: always ending in a slash, so `latest.yml` lands inside the folder. */
export function feedBase(feedUrl: string): URL {
  const url = new URL(feedUrl);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * The manifest electron-builder writes for this platform, named as electron-updater names it:
 * latest.yml (Windows), latest-mac.yml, latest-linux.yml, latest-linux-<arch>.yml off x64.
 */
export function channelFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function isValidVersion(version: string): boolean {
  return SEMVER.test(version);
}

/** Semantic-version precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`Not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(pa[i]) - Number(pb[i]);
    if (diff !== 0) return Math.sign(diff);
  }
  const preA = pa[4]?.split('.') ?? [];
  const preB = pb[4]?.split('.') ?? [];
  // A release ranks above its own pre-releases.
  if (preA.length === 0 && preB.length === 0) return 0;
  if (preA.length === 0) return 1;
  if (preB.length === 0) return -1;
  for (let i = 0; i < Math.max(preA.length, preB.length); i++) {
    const x = preA[i];
    const y = preB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return Math.sign(diff);
    } else if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function isWithinQuietHours(now: Date, quiet: QuietHours): boolean {
  const hour = now.getHours();
  if (quiet.startHour === quiet.endHour) return false;
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/** Milliseconds from `now` until the quiet hours next begin (0 while they are on). */
export function msUntilQuietHours(now: Date, quiet: QuietHours): number {
  if (isWithinQuietHours(now, quiet)) return 0;
  const start = new Date(now);
  start.setHours(quiet.startHour, 0, 0, 0);
  if (start.getTime() <= now.getTime()) start.setDate(start.getDate() + 1);
  return start.getTime() - now.getTime();
}

export type DownloadDecision =
  | { action: 'download'; because: 'user-agreed' | 'quiet-hours' }
  | { action: 'ask-user' }
  | { action: 'wait-for-quiet-hours'; delayMs: number }
  | { action: 'wait-for-next-check' };

/**
 * Whether a verified update may download now. Never without the user's yes, except during the
 * configured quiet hours. A user who said "later" is not asked again in this run: the download
 * waits for the quiet hours, or without them for the next check.
 */
export function downloadDecision(input: {
  now: Date;
  quietHours: QuietHours | null;
  userAnswer: 'yes' | 'later' | 'not-asked';
}): DownloadDecision {
  const { now, quietHours, userAnswer } = input;
  if (userAnswer === 'yes') return { action: 'download', because: 'user-agreed' };
  if (quietHours && isWithinQuietHours(now, quietHours)) return { action: 'download', because: 'quiet-hours' };
  if (userAnswer === 'not-asked') return { action: 'ask-user' };
  if (quietHours) return { action: 'wait-for-quiet-hours', delayMs: msUntilQuietHours(now, quietHours) };
  return { action: 'wait-for-next-check' };
}
