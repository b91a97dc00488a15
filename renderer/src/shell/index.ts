import type { PorterShell } from '../../../shared/shell';
import { createBrowserShell } from './browserShell';
import { createElectronShell, type ElectronBridge } from './electronShell';

declare global {
  interface Window {
    /** Exposed by electron/preload in the desktop app; absent in a browser. */
    porter?: ElectronBridge;
  }
}

/** The shell this renderer runs in: the Electron preload bridge, or the local HTTP server. */
export function detectShell(): PorterShell {
  return window.porter ? createElectronShell(window.porter) : createBrowserShell();
}
