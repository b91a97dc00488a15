import type crypto from 'node:crypto';
import { Provider, type ResolvedUpdateFileInfo, type UpdateFileInfo, type UpdateInfo } from 'electron-updater';
// Type only: electron-updater does not re-export the provider's runtime options from its entry point.
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import { checkSignedFeed, type FetchFromFeed, type SignedFeedCheck, type VerifiedManifest } from '../../core/updates/signedFeed';
import { channelFileName } from '../../core/updates/updatePolicy';

export interface SignedFeedConfig {
  feedUrl: string;
  currentVersion: string;
  publicKey: crypto.KeyObject;
  fetch: FetchFromFeed;
  arch?: string;
  /** Every check's outcome, refusals included (the updater logs them). */
  onCheck?(result: SignedFeedCheck): void;
}

/** A refusal of the gate, as electron-updater errors look: an Error with a code. */
export class UpdateRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The options electron-updater hands the provider: `autoUpdater.setFeedURL(signedFeedOptions(config))`. */
export interface SignedFeedPublishOptions {
  provider: 'custom';
  updateProvider: typeof SignedFeedProvider;
  signedFeed: SignedFeedConfig;
}

export function signedFeedOptions(config: SignedFeedConfig): SignedFeedPublishOptions {
  return { provider: 'custom', updateProvider: SignedFeedProvider, signedFeed: config };
}

/**
 * An electron-updater provider (`{ provider: 'custom', updateProvider }`) that takes the update
 * information only from a manifest whose Ed25519 signature checked out (core/updates/signedFeed).
 * electron-updater itself never fetches the manifest, so it cannot be handed different bytes from
 * the ones verified; it downloads only the files resolved here, from that same verified object,
 * and checks each against the sha512 written in it. No 'electron' import: tests run it in Node.
 */
export class SignedFeedProvider extends Provider<UpdateInfo> {
  private verified: VerifiedManifest | undefined;
  private readonly config: SignedFeedConfig;
  private readonly platform: ProviderRuntimeOptions['platform'];

  constructor(options: SignedFeedPublishOptions, _updater: unknown, runtimeOptions: ProviderRuntimeOptions) {
    super(runtimeOptions);
    this.config = options.signedFeed;
    this.platform = runtimeOptions.platform;
  }

  async getLatestVersion(): Promise<UpdateInfo> {
    this.verified = undefined;
    const { config } = this;
    const result = await checkSignedFeed({
      feedUrl: config.feedUrl,
      channelFile: channelFileName(this.platform, config.arch ?? process.arch),
      currentVersion: config.currentVersion,
      publicKey: config.publicKey,
      fetch: config.fetch,
    });
    config.onCheck?.(result);
    if (result.kind === 'refused')
      throw new UpdateRefusedError(`ERR_PORTER_UPDATE_${result.reason.toUpperCase().replace(/-/g, '_')}`, result.message);
    // Up to date: the current version with no files; electron-updater compares versions and stops there.
    if (result.kind === 'up-to-date') return { version: result.version, files: [], path: '', sha512: '', releaseDate: '' };
    this.verified = result.manifest;
    return result.manifest.info as unknown as UpdateInfo;
  }

  /**
   * electron-updater passes back the object getLatestVersion returned; anything else was not
   * verified here. `packages` (NSIS web installers) is never resolved, so only `files` download.
   */
  resolveFiles(updateInfo: UpdateInfo): ResolvedUpdateFileInfo[] {
    const verified = this.verified;
    if (!verified || (updateInfo as unknown) !== verified.info)
      throw new UpdateRefusedError('ERR_PORTER_UPDATE_NOT_VERIFIED', 'Update information that was not verified was asked to download');
    const entries = verified.info.files as UpdateFileInfo[];
    return verified.fileUrls.map((url, index) => ({ url, info: entries[index]! }));
  }
}
