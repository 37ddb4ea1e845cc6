/** Test archives: a .tar.gz whose one entry is `size` zero bytes, as a decompression bomb is made. */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

function tarHeader(name: string, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, "utf8");
  block.write("0000644\0", 100);
  block.write("0000000\0", 108);
  block.write("0000000\0", 116);
  block.write(size.toString(8).padStart(11, "0") + "\0", 124);
  block.write("00000000000\0", 136);
  block.write("0", 156);
  block.write("ustar\u000000", 257);
  block.fill(" ", 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return block;
}

/** A .tar.gz of one entry of `size` zero bytes, streamed: the zeros never exist on disk unpacked. */
export async function zerosArchive(archive: string, entry: string, size: number): Promise<string> {
  async function* tar() {
    yield tarHeader(entry, size);
    const chunk = Buffer.alloc(1024 ** 2);
    for (let left = size; left > 0; left -= chunk.length)
      yield chunk.subarray(0, Math.min(left, chunk.length));
    yield Buffer.alloc(512 * 2 + ((512 - (size % 512)) % 512));
  }
  await pipeline(Readable.from(tar()), createGzip({ level: 9 }), createWriteStream(archive));
  return archive;
}
