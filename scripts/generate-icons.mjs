// Renders resources/icons/icon.svg into the icons electron-builder packs:
//   icon.png (512×512, macOS and the default), 512x512.png and 256x256.png (Linux: a folder of sizes),
//   icon.ico (Windows: 16–256 px, each a PNG inside the ICO, as Windows Vista and later read them).
// `node scripts/generate-icons.mjs` — the outputs are committed; run it again after changing the SVG.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const dir = path.join(import.meta.dirname, '..', 'resources', 'icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'));

const render = (size) =>
  sharp(svg, { density: Math.ceil((72 * size) / 512) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

/** An ICO file holding PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const png512 = await render(512);
fs.writeFileSync(path.join(dir, 'icon.png'), png512);
fs.writeFileSync(path.join(dir, '512x512.png'), png512);
fs.writeFileSync(path.join(dir, '256x256.png'), await render(256));
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
fs.writeFileSync(path.join(dir, 'icon.ico'), ico(await Promise.all(icoSizes.map(async (size) => ({ size, png: await render(size) })))));
console.log(
  `icons written to ${path.relative(process.cwd(), dir)}: icon.png, 512x512.png, 256x256.png, icon.ico (${icoSizes.join(', ')} px)`,
);
