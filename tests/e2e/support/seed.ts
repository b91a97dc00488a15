import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, MethodOutput } from '../../../shared/contract';
import type { JobState } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { PorterServer } from './porterServer';

/** Calls the browser shell's API the way the renderer does, with the launch token as a bearer token. */
export async function callApi<M extends MethodName>(server: PorterServer, method: M, input: unknown): Promise<MethodOutput<M>> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokenOf(server)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * Imports a price list through the API, with the mapping the preview proposes, before a test
 * opens the page — for tests about searching and ordering rather than about importing.
 */
export async function seedPriceList(server: PorterServer, file: string): Promise<JobState> {
  const auth = { Authorization: `Bearer ${tokenOf(server)}` };
  const upload = await fetch(`${server.origin}/upload?name=${encodeURIComponent(path.basename(file))}`, {
    method: 'POST',
    headers: auth,
    body: fs.readFileSync(file),
  });
  const uploaded = (await upload.json()) as Result<{ fileId: string }>;
  if (!uploaded.ok) throw new Error(`upload: ${uploaded.error.message}`);
  const { fileId } = uploaded.value;
  const preview = await callApi(server, 'previewPriceListImport', { fileId });

  // Listen before starting, so the job's last event cannot slip past.
  const events = await fetch(`${server.origin}/events`, { headers: auth });
  if (!events.body) throw new Error('no event stream');
  const { jobId } = await callApi(server, 'startPriceListImport', {
    fileId,
    headerRow: preview.headerRow,
    mapping: preview.mapping,
    pricesIncludeVat: preview.pricesIncludeVat,
    defaultVatRate: 22,
  });
  const decoder = new TextDecoder();
  let buffer = '';
  let finished: JobState | undefined;
  // Leaving the loop cancels the stream.
  stream: for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    const frames = buffer.split('\n\n');
    buffer = frames.pop() ?? '';
    for (const frame of frames) {
      if (!frame.startsWith('data: ')) continue;
      const job = JSON.parse(frame.slice(6)) as JobState;
      if (job.jobId === jobId && job.state !== 'running') {
        finished = job;
        break stream;
      }
    }
  }
  if (!finished) throw new Error('event stream ended before the import finished');
  if (finished.state !== 'done') throw new Error(`import ${finished.state}: ${finished.error?.message ?? ''}`);
  return finished;
}

function tokenOf(server: PorterServer): string {
  const token = new URL(server.loginUrl).searchParams.get('token');
  if (!token) throw new Error('the printed URL has no token');
  return token;
}
