import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

export interface PdfText {
  /** One string per page, in reading order, white space normalized (see normalizeSpaces). */
  pages: string[];
  /** All pages joined with a newline. */
  text: string;
  pageCount: number;
  /** The document's Title metadata, when it has one. */
  title: string | undefined;
}

/**
 * Reads a PDF (a file path or its bytes) the way a PDF viewer does, with Mozilla's pdf.js, so a test
 * sees the text a person sees. pdf.js reports a no-break space as a plain one, so every run of white
 * space becomes one plain space: compare with `normalizeSpaces(expected)` when the expected text comes
 * from the UI or from formatMoney (which groups thousands with a no-break space).
 */
export async function extractPdfText(source: string | Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of (and detaches) the array it is given: hand it a copy.
  const data = typeof source === 'string' ? new Uint8Array(await readFile(source)) : new Uint8Array(source);
  const document = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      // pdf.js adds its own space items between runs that stand apart on a line.
      const text = content.items
        .filter((item): item is TextItem => 'str' in item)
        .map((item) => item.str + (item.hasEOL ? '\n' : ''))
        .join('');
      pages.push(normalizeSpaces(text));
      page.cleanup();
    }
    const { info } = await document.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return { pages, text: pages.join('\n'), pageCount: document.numPages, title: typeof title === 'string' ? title : undefined };
  } finally {
    await document.destroy();
  }
}

/** All the text of a PDF (a file path or its bytes), pages joined by a newline, spaces normalized. */
export async function pdfText(source: string | Uint8Array): Promise<string> {
  return (await extractPdfText(source)).text;
}

/** "1 234,56" with a no-break space and "1 234,56" with a plain one compare equal after this. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
