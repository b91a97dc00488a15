import type crypto from 'node:crypto';
import { load } from 'js-yaml';
import { signatureFileName, verifyManifestSignature } from './manifestSignature';
import { compareVersions, feedBase, feedUrlProblem, isValidVersion } from './updatePolicy';

/**
 * The gate in front of electron-updater: fetch the platform's manifest and its signature,
 * verify the signature, then read the version and files from the verified bytes. Nothing
 * else is fetched here, so a refusal always comes before any request for an installer.
 *
 * Time of check and time of use: electron-updater never fetches the manifest itself. Porter
 * gives it a provider (electron/main/updates/signedFeedProvider.ts) whose getLatestVersion()
 * runs this gate and returns `info`, the object parsed from exactly the bytes whose signature
 * was checked. So a server that answers differently the second time has nothing to answer: the
 * installer electron-updater then downloads is checked against the sha512 in those signed bytes.
 */

export const MANIFEST_MAX_BYTES = 1024 * 1024;
export const SIGNATURE_MAX_BYTES = 1024;

export interface FeedResponse {
  status: number;
  body: Buffer;
}
/** Fetches one URL of the feed (GET, no redirects followed), reading at most maxBytes of the body. */
export type FetchFromFeed = (url: URL, maxBytes: number) => Promise<FeedResponse>;

export interface ManifestFile {
  url: string;
  sha512: string;
  size?: number;
}

export interface VerifiedManifest {
  version: string;
  files: ManifestFile[];
  /** Each file's absolute https address, in the order of `files`. */
  fileUrls: URL[];
  /** The manifest as electron-updater reads it (js-yaml's load, as in its own GenericProvider), from the verified bytes. */
  info: Record<string, unknown>;
  bytes: Buffer;
  manifestUrl: URL;
}

export type RefusalReason =
  | 'insecure-feed'
  | 'feed-unreachable'
  | 'manifest-unavailable'
  | 'signature-missing'
  | 'signature-invalid'
  | 'manifest-invalid'
  | 'downgrade'
  | 'insecure-artifact';

export type SignedFeedCheck =
  | { kind: 'update-available'; manifest: VerifiedManifest }
  | { kind: 'up-to-date'; version: string }
  | { kind: 'refused'; reason: RefusalReason; message: string };

export interface SignedFeedOptions {
  feedUrl: string;
  /** latest.yml, latest-linux.yml, … (updatePolicy.channelFileName). */
  channelFile: string;
  currentVersion: string;
  publicKey: crypto.KeyObject;
  fetch: FetchFromFeed;
}

const refused = (reason: RefusalReason, message: string): SignedFeedCheck => ({ kind: 'refused', reason, message });

export async function checkSignedFeed(options: SignedFeedOptions): Promise<SignedFeedCheck> {
  const problem = feedUrlProblem(options.feedUrl);
  if (problem) return refused('insecure-feed', problem);
  const base = feedBase(options.feedUrl);
  const manifestUrl = new URL(options.channelFile, base);
  const signatureUrl = new URL(signatureFileName(options.channelFile), base);

  let manifest: FeedResponse;
  let signature: FeedResponse;
  try {
    manifest = await options.fetch(manifestUrl, MANIFEST_MAX_BYTES);
    if (manifest.status !== 200) return refused('manifest-unavailable', `${manifestUrl.href} answered ${manifest.status}`);
    if (manifest.body.length > MANIFEST_MAX_BYTES)
      return refused('manifest-invalid', `${manifestUrl.href} is larger than ${MANIFEST_MAX_BYTES} bytes`);
    signature = await options.fetch(signatureUrl, SIGNATURE_MAX_BYTES);
  } catch (error) {
    return refused('feed-unreachable', `The update feed cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signature.status !== 200)
    return refused('signature-missing', `The manifest has no signature: ${signatureUrl.href} answered ${signature.status}`);
  if (
    signature.body.length > SIGNATURE_MAX_BYTES ||
    !verifyManifestSignature(manifest.body, signature.body.toString('utf8'), options.publicKey)
  )
    return refused('signature-invalid', `The signature of ${manifestUrl.href} does not match Porter's update key`);

  // From here on the bytes are the supplier's own; what they say is still checked.
  let info: unknown;
  try {
    info = load(manifest.body.toString('utf8'));
  } catch (error) {
    return refused('manifest-invalid', `The manifest is not YAML: ${(error as Error).message}`);
  }
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return refused('manifest-invalid', 'The manifest is not a mapping');
  const record = info as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'string' || !isValidVersion(version))
    return refused('manifest-invalid', `The manifest's version ${JSON.stringify(version)} is not a version number`);
  const order = compareVersions(version, options.currentVersion);
  if (order < 0) return refused('downgrade', `The feed offers ${version}, older than this Porter (${options.currentVersion})`);
  if (order === 0) return { kind: 'up-to-date', version };

  const files = manifestFiles(record);
  if (typeof files === 'string') return refused('manifest-invalid', files);
  const fileUrls: URL[] = [];
  for (const file of files) {
    let url: URL;
    try {
      url = new URL(file.url, base);
    } catch {
      return refused('manifest-invalid', `The manifest names a file that is not a URL: ${file.url}`);
    }
    if (url.protocol !== 'https:' || url.username || url.password)
      return refused('insecure-artifact', `The manifest names a file outside https: ${url.href}`);
    fileUrls.push(url);
  }
  return { kind: 'update-available', manifest: { version, files, fileUrls, info: record, bytes: manifest.body, manifestUrl } };
}

/** The files the manifest lists, each with a sha512 (base64 of 64 bytes), or why they are unusable. */
function manifestFiles(record: Record<string, unknown>): ManifestFile[] | string {
  const raw = record.files;
  if (!Array.isArray(raw) || raw.length === 0) return 'The manifest lists no files';
  const files: ManifestFile[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return 'A file entry of the manifest is not a mapping';
    const { url, sha512, size } = entry as Record<string, unknown>;
    if (typeof url !== 'string' || url === '') return 'A file entry of the manifest has no url';
    if (typeof sha512 !== 'string' || Buffer.from(sha512, 'base64').length !== 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(sha512))
      return `The manifest entry ${url} has no valid sha512`;
    if (size !== undefined && (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0))
      return `The manifest entry ${url} has an invalid size`;
    files.push(size === undefined ? { url, sha512 } : { url, sha512, size });
  }
  return files;
}
