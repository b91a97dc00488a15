import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PorterError } from '../../shared/errors';

export interface RegisteredFile {
  fileId: string;
  path: string;
  name: string;
}

/**
 * Files the user chose, by opaque id. The renderer never names a path itself: the shell
 * (a dialog in Electron, an upload in the browser) registers the file and passes the id.
 */
export class FileRegistry {
  private readonly files = new Map<string, RegisteredFile>();

  constructor(private readonly uploadDir: string) {}

  register(filePath: string, name = path.basename(filePath)): RegisteredFile {
    const file = { fileId: crypto.randomUUID(), path: filePath, name };
    this.files.set(file.fileId, file);
    return file;
  }

  get(fileId: string): RegisteredFile {
    const file = this.files.get(fileId);
    if (!file) throw new PorterError('NOT_FOUND', `No file with id ${fileId}: choose the file again`);
    return file;
  }

  /** A fresh path inside the upload folder for a file that arrives over HTTP. */
  uploadPath(name: string): string {
    fs.mkdirSync(this.uploadDir, { recursive: true });
    const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-100) || 'upload';
    return path.join(this.uploadDir, `${crypto.randomUUID()}-${safe}`);
  }

  /** Uploads are temporary: removed on start so they never pile up. */
  clearUploads(): void {
    fs.rmSync(this.uploadDir, { recursive: true, force: true });
  }
}
