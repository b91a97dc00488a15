import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Porter';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives the
 * desktop app, so the browser shell and the command line see the same database.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
