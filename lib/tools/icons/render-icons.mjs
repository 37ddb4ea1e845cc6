/**
 * Renders public/favicon.svg into the raster icons browsers and home screens ask for:
 * favicon.ico (16 + 32 px PNGs in an ICO container), apple-touch-icon.png (180), icon-192.png, icon-512.png.
 * Run after editing the SVG: `node lib/tools/icons/render-icons.mjs`; the outputs are committed.
 */
import { readFile, writeFile } from "node:fs/promises";
import sharp from "sharp";

const svg = await readFile(new URL("../../../public/favicon.svg", import.meta.url));
const png = (size) =>
  sharp(svg, { density: 72 * (size / 64) * 2 })
    .resize(size, size)
    .png()
    .toBuffer();
const out = (name) => new URL(`../../../public/${name}`, import.meta.url);

for (const [name, size] of [
  ["apple-touch-icon.png", 180],
  ["icon-192.png", 192],
  ["icon-512.png", 512],
]) {
  await writeFile(out(name), await png(size));
}

/** An ICO file may hold PNG images as they are: a 6-byte header, a 16-byte entry each, then the data. */
const sizes = [16, 32];
const images = await Promise.all(sizes.map(png));
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((image, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(sizes[i], at);
  header.writeUInt8(sizes[i], at + 1);
  header.writeUInt16LE(1, at + 4);
  header.writeUInt16LE(32, at + 6);
  header.writeUInt32LE(image.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += image.length;
});
await writeFile(out("favicon.ico"), Buffer.concat([header, ...images]));
