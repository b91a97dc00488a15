// electron-builder's afterPack hook (electron-builder.yml: afterPack): flips Porter's Electron fuses
// in the packaged binary before it is signed (fuses are flipped first so that the code signature on
// Windows and macOS covers them). `npm run check-fuses -- <packaged app>` reads them back.
//
// electron-builder 26 can also do this itself (the `electronFuses` option); the hook keeps the
// list in one place shared with scripts/check-fuses.mjs, which verifies a built app against it.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The fuses Porter sets, and why. Those not listed keep Electron's default:
 * GrantFileProtocolExtraPrivileges stays on because the app is loaded from file://
 * (out/renderer/index.html) and its module scripts need it; EnableCookieEncryption stays off
 * (Porter keeps no cookies, and on Linux it would tie start-up to the desktop keyring).
 */
export const PORTER_FUSES = {
  // ELECTRON_RUN_AS_NODE=1 would turn Porter.exe into a plain Node.js that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could --require code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar must match the hash electron-builder embeds (enforced on macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // No loading of an app/ folder or another file placed next to app.asar.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The file holding the fuse wire in a packaged app, as electron-builder lays it out. */
export function packagedElectronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

export async function afterPack(context) {
  const binary = packagedElectronBinary(context);
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; re-sign ad hoc
  // (a real identity signs afterwards anyway). 3 is electron-builder's Arch.arm64.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, { version: FuseVersion.V1, resetAdHocDarwinSignature, ...PORTER_FUSES });
  console.log(`  • Porter fuses flipped  file=${binary}`);
}

export default afterPack;
