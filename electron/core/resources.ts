import path from 'node:path';

/**
 * Files Porter ships beside its code. Every shell knows its resources folder and passes it in:
 * the browser shell and the command line use `<project>/resources`, the Electron app
 * `process.resourcesPath` when packaged (electron-builder.yml copies the folders there).
 */

/** The demo price list that a first run imports, so a new install opens a working catalog. */
export function demoPriceListPath(resourcesDir: string): string {
  return path.join(resourcesDir, 'demo', 'price-list.csv');
}

/** TrueType files for documents Porter prints; a PDF embeds them so Cyrillic never depends on system fonts. */
export interface PdfFonts {
  regular: string;
  bold: string;
}

/** DejaVu Sans (Bitstream Vera licence, see resources/fonts/LICENSE-DejaVu.txt). */
export function pdfFonts(resourcesDir: string): PdfFonts {
  const fontsDir = path.join(resourcesDir, 'fonts');
  return { regular: path.join(fontsDir, 'DejaVuSans.ttf'), bold: path.join(fontsDir, 'DejaVuSans-Bold.ttf') };
}
