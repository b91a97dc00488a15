// Signs an update manifest at release time, and makes the key pair to sign with.
//
//   npm run sign-update -- --generate-key porter-update.pem      new key pair: the private key (mode 0600)
//                                                                 and porter-update.pem.pub (the public key)
//   npm run sign-update -- dist/latest.yml --key porter-update.pem
//                                                                 writes dist/latest.yml.sig
//   npm run sign-update -- --verify dist/latest.yml [--public-key porter-update.pem.pub]
//
// The signature is Ed25519 over the manifest's exact bytes (electron/core/updates/manifestSignature.ts):
// sign the manifest electron-builder wrote and upload both files unchanged. Signing refuses a private key
// whose public half is not the one built into Porter (electron/core/updates/updatePublicKey.ts) — stores
// would refuse that update — unless --any-key is given (tests, a new key not yet built in).
import fs from 'node:fs';
import {
  ed25519PublicKey,
  generateSigningKeyPair,
  keyFingerprint,
  publicKeyPemOf,
  signatureFileName,
  signManifest,
  verifyManifestSignature,
} from '../electron/core/updates/manifestSignature';
import { UPDATE_PUBLIC_KEY_PEM } from '../electron/core/updates/updatePublicKey';

const USAGE = `usage:
  npm run sign-update -- <manifest.yml> --key <private.pem> [--any-key]
  npm run sign-update -- --generate-key <private.pem>
  npm run sign-update -- --verify <manifest.yml> [--public-key <public.pem>]`;

function fail(message: string): never {
  console.error(`sign-update: ${message}`);
  process.exit(1);
}

function main(argv: string[]): void {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--any-key') flags.set(arg, true);
    else if (arg === '--key' || arg === '--generate-key' || arg === '--verify' || arg === '--public-key') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) fail(`${arg} needs a file\n${USAGE}`);
      flags.set(arg, value);
    } else if (arg.startsWith('--')) fail(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  const value = (flag: string) => {
    const v = flags.get(flag);
    return typeof v === 'string' ? v : undefined;
  };

  const generate = value('--generate-key');
  if (generate) {
    const publicFile = `${generate}.pub`;
    for (const file of [generate, publicFile]) if (fs.existsSync(file)) fail(`${file} exists; not overwriting a key`);
    const pair = generateSigningKeyPair();
    fs.writeFileSync(generate, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(publicFile, pair.publicKeyPem, { flag: 'wx' });
    console.log(`Private key: ${generate} (keep it off the repository and off the update server)`);
    console.log(`Public key:  ${publicFile}, fingerprint ${keyFingerprint(ed25519PublicKey(pair.publicKeyPem))}`);
    console.log(`Build it into Porter as UPDATE_PUBLIC_KEY_PEM in electron/core/updates/updatePublicKey.ts:\n\n${pair.publicKeyPem}`);
    return;
  }

  const verify = value('--verify');
  if (verify) {
    const publicFile = value('--public-key');
    const publicKey = ed25519PublicKey(publicFile ? fs.readFileSync(publicFile, 'utf8') : UPDATE_PUBLIC_KEY_PEM);
    const sigFile = signatureFileName(verify);
    if (!fs.existsSync(sigFile)) fail(`${sigFile} is missing`);
    const ok = verifyManifestSignature(fs.readFileSync(verify), fs.readFileSync(sigFile, 'utf8'), publicKey);
    if (!ok) fail(`${sigFile} is not a valid signature of ${verify} by key ${keyFingerprint(publicKey)}`);
    console.log(`${verify}: signature valid (key ${keyFingerprint(publicKey)})`);
    return;
  }

  const manifest = positional[0];
  const keyFile = value('--key');
  if (!manifest || !keyFile || positional.length !== 1) fail(USAGE);
  const privateKeyPem = fs.readFileSync(keyFile, 'utf8');
  const signingPublic = ed25519PublicKey(publicKeyPemOf(privateKeyPem));
  const builtIn = ed25519PublicKey(UPDATE_PUBLIC_KEY_PEM);
  if (keyFingerprint(signingPublic) !== keyFingerprint(builtIn) && flags.get('--any-key') !== true) {
    fail(
      `the key ${keyFingerprint(signingPublic)} is not the one built into Porter (${keyFingerprint(builtIn)}): ` +
        'every Porter would refuse this update. Build its public key in first, or pass --any-key.',
    );
  }
  const bytes = fs.readFileSync(manifest);
  const signature = signManifest(bytes, privateKeyPem);
  if (!verifyManifestSignature(bytes, signature, signingPublic)) fail('the signature just made does not verify');
  const sigFile = signatureFileName(manifest);
  fs.writeFileSync(sigFile, signature);
  console.log(
    `${sigFile}: signed ${bytes.length} bytes with key ${keyFingerprint(signingPublic)}. Upload it next to ${manifest}, unchanged.`,
  );
}

main(process.argv.slice(2));
