import type { MethodName, PorterApi } from '../../../shared/contract';
import { CONTRACT_METHOD_NAMES } from '../../../shared/methodNames';
import type { JobState } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { PorterCallError, type DroppedFile, type PickedFile, type PorterShell } from '../../../shared/shell';

/** What the order file chooser offers: Porter JSON, CommerceML orders, CSV/XLSX orders. */
const ORDER_FILE_TYPES = '.json,.xml,.csv,.txt,.xlsx,application/json,text/xml,application/xml,text/csv';

/**
 * The browser shell's client: contract calls go to /api/<method> on the local server
 * (the token travels in an HttpOnly cookie set by the printed URL), files are uploaded,
 * saves are downloads, job events arrive over server-sent events.
 */
export function createBrowserShell(): PorterShell {
  const call = async (method: MethodName, input: unknown): Promise<unknown> => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    if (response.status === 401) throw new PorterCallError({ code: 'UNAUTHORIZED', message: 'Unauthorized' });
    const result = (await response.json()) as Result<unknown>;
    if (!result.ok) throw new PorterCallError(result.error);
    return result.value;
  };
  const api = Object.fromEntries(CONTRACT_METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)])) as unknown as PorterApi;

  return {
    kind: 'browser',
    api,
    pickPriceListFile: () =>
      new Promise<PickedFile | null>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        // CSV/XLSX tables, and CommerceML (XML, or 1C's zip of it) as a supplier's back office writes it.
        input.accept = '.csv,.txt,.xlsx,.xml,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        input.setAttribute('data-testid', 'price-list-file-input');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          uploadFile(file).then(resolve, reject);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        document.body.appendChild(input);
        input.click();
      }),
    pickOrderFiles: () =>
      new Promise<PickedFile[]>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = true;
        input.accept = ORDER_FILE_TYPES;
        input.setAttribute('data-testid', 'order-files-input');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const files = [...(input.files ?? [])];
          input.remove();
          uploadFiles(files).then(resolve, reject);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve([]);
        });
        document.body.appendChild(input);
        input.click();
      }),
    // A drop hands over the DOM's File objects, which is what DroppedFile describes.
    registerDroppedFiles: (files: readonly DroppedFile[]) => uploadFiles(files as readonly File[]),
    saveFile: async (suggestedName, content, encoding = 'utf8') => {
      const body = encoding === 'base64' ? base64ToBytes(content) : content;
      const url = URL.createObjectURL(new Blob([body], { type: mimeTypeOf(suggestedName) }));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    onJobEvent: (listener) => {
      const source = new EventSource('/events');
      source.onmessage = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as JobState);
      return () => source.close();
    },
  };
}

/** The download's type from the file name, so the browser offers the right program (a PDF viewer for .pdf). */
function mimeTypeOf(fileName: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'pdf':
      return 'application/pdf';
    case 'json':
      return 'application/json';
    case 'csv':
      return 'text/csv;charset=utf-8';
    default:
      return 'application/octet-stream';
  }
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One after another: a hundred files at once would open a hundred uploads on a 2-core PC. */
async function uploadFiles(files: readonly File[]): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  for (const file of files) picked.push(await uploadFile(file));
  return picked;
}

async function uploadFile(file: File): Promise<PickedFile> {
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, credentials: 'same-origin' });
  const result = (await response.json()) as Result<PickedFile>;
  if (!result.ok) throw new PorterCallError(result.error);
  return result.value;
}
