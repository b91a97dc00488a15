import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: only 'electron' is available here; everything else is bundled into index.cjs.
contextBridge.exposeInMainWorld(
  'porter',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
);
