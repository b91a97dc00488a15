import crypto from 'node:crypto';

/**
 * Ed25519 signatures over an update manifest (latest.yml, latest-linux.yml, latest-mac.yml).
 *
 * electron-updater checks each downloaded file against the sha512 written in the manifest served
 * beside it; whoever can change the files on the update server can change the manifest too. The
 * signature closes that gap: it is made at release time with the supplier's private key, over the
 * exact bytes of the manifest, and checked with the public key built into the app. The signature
 * travels as `<manifest>.sig` next to the manifest: base64 of the 64-byte signature, one line.
 */

export const SIGNATURE_SUFFIX = '.sig';
const SIGNATURE_BYTES = 64;

export function signatureFileName(manifestFileName: string): string {
  return `${manifestFileName}${SIGNATURE_SUFFIX}`;
}

/** A public key from PEM text, only if it is an Ed25519 key (any other kind is a configuration error). */
export function ed25519PublicKey(pem: string): crypto.KeyObject {
  const key = crypto.createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The update public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}

function ed25519PrivateKey(pem: string): crypto.KeyObject {
  const key = crypto.createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The signing key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}

/** The `.sig` file's content for these manifest bytes: base64 and a newline. */
export function signManifest(manifest: Uint8Array, privateKeyPem: string): string {
  return `${crypto.sign(null, manifest, ed25519PrivateKey(privateKeyPem)).toString('base64')}\n`;
}

/**
 * Whether `signatureText` (the `.sig` file's content) is a valid signature of exactly these
 * manifest bytes by this key. Anything malformed is simply false: not base64, not 64 bytes, extra text.
 */
export function verifyManifestSignature(manifest: Uint8Array, signatureText: string, publicKey: crypto.KeyObject): boolean {
  const text = signatureText.trim();
  if (!/^[A-Za-z0-9+/]{86}==$/.test(text)) return false;
  const signature = Buffer.from(text, 'base64');
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    return crypto.verify(null, manifest, publicKey, signature);
  } catch {
    return false;
  }
}

/** A new key pair for release signing: the private key as PKCS#8 PEM, the public key as SPKI PEM. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The public half of a private key, as SPKI PEM (to check a signing key against the one built into the app). */
export function publicKeyPemOf(privateKeyPem: string): string {
  return crypto.createPublicKey(ed25519PrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** A short fingerprint of a public key for logs and the release command: sha256 of its DER, first 16 hex digits. */
export function keyFingerprint(publicKey: crypto.KeyObject): string {
  return crypto
    .createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}
