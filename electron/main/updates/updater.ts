import { app, BrowserWindow, dialog, session } from 'electron';
import electronUpdater, { type UpdateInfo } from 'electron-updater';
import { createLogger } from '../../core/logger';
import { ed25519PublicKey, keyFingerprint } from '../../core/updates/manifestSignature';
import type { FeedResponse } from '../../core/updates/signedFeed';
import { UPDATE_PUBLIC_KEY_PEM } from '../../core/updates/updatePublicKey';
import {
  downloadDecision,
  feedUrlProblem,
  FIRST_UPDATE_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  type UpdateSettings,
} from '../../core/updates/updatePolicy';
import { signedFeedOptions } from './signedFeedProvider';

const log = createLogger('main.updates');

/**
 * Fetches from the feed with Chromium's network stack (the system's proxy and certificates), in
 * a session of its own, following no redirect (a feed that moves must be reconfigured, not
 * followed to wherever it points), and reading no more than maxBytes.
 */
async function fetchFromFeed(url: URL, maxBytes: number): Promise<FeedResponse> {
  const response = await session
    .fromPartition('porter-updates', { cache: false })
    .fetch(url.href, { redirect: 'error', cache: 'no-store', credentials: 'omit' });
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(Buffer.from(value));
    if (size > maxBytes) {
      await reader.cancel();
      break;
    }
  }
  return { status: response.status, body: Buffer.concat(chunks) };
}

const TEXT = {
  available: (version: string) => `Доступна новая версия Porter ${version}. / Porter ${version} is available.`,
  availableDetail:
    'Подпись обновления проверена. Скачать сейчас? Установка — при выходе из Porter.\n' +
    'The update is signed by your supplier. Download it now? It installs when you quit Porter.',
  download: 'Скачать / Download',
  later: 'Позже / Later',
  downloaded: (version: string) => `Porter ${version} скачан. / Porter ${version} is downloaded.`,
  downloadedDetail: 'Перезапустить сейчас или установить при выходе?\nRestart now, or install when you quit?',
  restart: 'Перезапустить / Restart',
  onQuit: 'При выходе / When I quit',
} as const;

/**
 * Porter's auto-update: a thin wiring of electron-updater. What may be downloaded is decided
 * by the signed-manifest gate (signedFeedProvider → core/updates/signedFeed), when by
 * core/updates/updatePolicy. Runs only in a packaged app. Returns a function that stops it.
 */
export function startAutoUpdates(settings: UpdateSettings): () => void {
  if (!app.isPackaged) {
    log.info('updates are off in an unpackaged app');
    return () => {};
  }
  if (settings.feedUrl === null) return () => {};
  const problem = feedUrlProblem(settings.feedUrl);
  if (problem) {
    log.error('updates are off: the feed address is refused', { problem });
    return () => {};
  }
  // electron-updater is CommonJS and defines autoUpdater with a getter that Node's ESM loader cannot see as a named
  // export; reading it here also keeps an unpackaged app from creating an updater at all.
  const { autoUpdater } = electronUpdater;
  const publicKey = ed25519PublicKey(UPDATE_PUBLIC_KEY_PEM);
  log.info('updates on', { feed: settings.feedUrl, key: keyFingerprint(publicKey) });

  autoUpdater.logger = {
    info: (m: unknown) => log.info(String(m)),
    warn: (m: unknown) => log.warn(String(m)),
    error: (m: unknown) => log.error(String(m)),
  };
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowPrerelease = false;
  // Differential downloads would fetch .blockmap files the signature does not cover; the whole file is checked against the signed sha512.
  autoUpdater.disableDifferentialDownload = true;
  autoUpdater.disableWebInstaller = true;
  autoUpdater.setFeedURL(
    signedFeedOptions({
      feedUrl: settings.feedUrl,
      currentVersion: app.getVersion(),
      publicKey,
      fetch: fetchFromFeed,
      onCheck: (result) => {
        if (result.kind === 'refused') log.warn('update refused before any download', { reason: result.reason, message: result.message });
      },
    }),
  );
  // After setFeedURL: setting a channel would have switched downgrades on.
  autoUpdater.allowDowngrade = false;

  let userAnswer: 'yes' | 'later' | 'not-asked' = 'not-asked';
  let quietTimer: NodeJS.Timeout | undefined;
  let asking = false;

  const download = () => {
    autoUpdater.downloadUpdate().catch((error: unknown) => log.error('update download failed', { error: String(error) }));
  };

  const decide = (info: UpdateInfo) => {
    const decision = downloadDecision({ now: new Date(), quietHours: settings.quietHours, userAnswer });
    log.info('update available', { version: info.version, decision: decision.action });
    switch (decision.action) {
      case 'download':
        return download();
      case 'wait-for-quiet-hours':
        clearTimeout(quietTimer);
        quietTimer = setTimeout(() => decide(info), decision.delayMs);
        return;
      case 'wait-for-next-check':
        return;
      case 'ask-user': {
        if (asking) return;
        asking = true;
        const window = BrowserWindow.getAllWindows()[0];
        const options = {
          type: 'info' as const,
          message: TEXT.available(info.version),
          detail: TEXT.availableDetail,
          buttons: [TEXT.download, TEXT.later],
          defaultId: 0,
          cancelId: 1,
        };
        void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
          .then(({ response }) => {
            userAnswer = response === 0 ? 'yes' : 'later';
            decide(info);
          })
          .finally(() => (asking = false));
      }
    }
  };

  autoUpdater.on('update-available', decide);
  autoUpdater.on('update-downloaded', (event) => {
    const window = BrowserWindow.getAllWindows()[0];
    const options = {
      type: 'info' as const,
      message: TEXT.downloaded(event.version),
      detail: TEXT.downloadedDetail,
      buttons: [TEXT.restart, TEXT.onQuit],
      defaultId: 1,
      cancelId: 1,
    };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options)).then(({ response }) => {
      // quitAndInstall goes through before-quit, so the core closes the database first.
      if (response === 0) autoUpdater.quitAndInstall();
    });
  });
  autoUpdater.on('error', (error) => log.warn('update check failed', { error: error.message }));

  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => log.warn('update check failed', { error: String(error) }));
  };
  const first = setTimeout(check, FIRST_UPDATE_CHECK_DELAY_MS);
  const every = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
    clearTimeout(quietTimer);
  };
}
