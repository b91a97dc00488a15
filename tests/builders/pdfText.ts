import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

export interface PdfText {
  /** One string per page, in reading order; every run of white space (no-break spaces too) is one plain space. */
  pages: string[];
  /** All pages joined with a newline. */
  text: string;
  pageCount: number;
  /** The document's Title metadata, when it has one. */
  title: string | undefined;
}

/** Reads a PDF the way a PDF viewer would (Mozilla's pdf.js), so a test sees the text a person sees. */
export async function extractPdfText(pdf: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of (and detaches) the array it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .filter((item): item is TextItem => 'str' in item)
        .map((item) => item.str + (item.hasEOL ? '\n' : ' '))
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

/** "1 234,56" with a no-break space and "1 234,56" with a plain one compare equal after this. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
