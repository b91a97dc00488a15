import fs from 'node:fs/promises';
import path from 'node:path';

export type StaticLookup = { status: 200; file: string; size: number } | { status: 400 | 404 };

/**
 * Maps a request path to a file inside `rootDir` (the built renderer), or says why not.
 *
 * The raw path is used, not the WHATWG-normalised one, so that what is checked is what was
 * sent. It is decoded exactly once; anything still looking encoded afterwards (a `%`: a
 * double-encoded `%252e%252e`), a NUL or control character, a backslash (a separator on
 * Windows), a colon (a drive letter or an NTFS stream) or a `.`/`..`/empty segment is a bad
 * path (400) — no file Vite builds has any of them in its name. What passes is joined
 * segment by segment, and both the lexical result and the real path (after symlinks) must
 * stay inside the root; otherwise, or when there is no such file, the answer is 404.
 */
export async function findStaticFile(rootDir: string, rawPath: string): Promise<StaticLookup> {
  if (!rawPath.startsWith('/')) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\:%]/.test(decoded)) return { status: 400 };
  const segments = decoded === '/' ? ['index.html'] : decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return { status: 400 };

  const root = path.resolve(rootDir);
  const file = path.join(root, ...segments);
  if (!isInside(root, file)) return { status: 404 };
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    // A symlink inside the renderer folder must not lead out of it.
    if (!isInside(realRoot, realFile)) return { status: 404 };
    const stat = await fs.stat(realFile);
    return stat.isFile() ? { status: 200, file: realFile, size: stat.size } : { status: 404 };
  } catch {
    return { status: 404 };
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
