import "server-only";
/**
 * A request body read as an upload: streamed, counted as it arrives and refused the moment it passes
 * its limit, so a large body is never held whole before being judged. Shared by the run-archive import
 * (streamed to a file) and the dataset upload (read as text).
 */
import { createWriteStream } from "node:fs";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { badRequest } from "@/lib/domain/errors";

export type UploadBody = ReadableStream<Uint8Array> | null;

/** Counts bytes as they pass and stops the stream with `refusal(max)` past `max`. */
export function byteLimit(max: number, refusal: (max: number) => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(refusal(max));
      else done(null, chunk);
    },
  });
}

const fromWeb = (body: ReadableStream<Uint8Array>) => Readable.fromWeb(body as WebReadableStream<Uint8Array>);

function requireBody(body: UploadBody, what: string): ReadableStream<Uint8Array> {
  if (!body) throw badRequest(`the request has no body: send the ${what} as the body`);
  return body;
}

/** Streams the body into `file`; the caller owns (and removes) the file, refused or not. */
export async function streamBodyToFile(
  body: UploadBody,
  file: string,
  options: { what: string; maxBytes: number; refusal: (max: number) => Error },
): Promise<void> {
  await pipeline(
    fromWeb(requireBody(body, options.what)),
    byteLimit(options.maxBytes, options.refusal),
    createWriteStream(file),
  );
}

/** The body as UTF-8 text, refused past `maxBytes` (while streaming) or when it is not valid UTF-8. */
export async function readBodyText(
  body: UploadBody,
  options: { what: string; maxBytes: number; refusal: (max: number) => Error },
): Promise<string> {
  const chunks: Buffer[] = [];
  await pipeline(
    fromWeb(requireBody(body, options.what)),
    byteLimit(options.maxBytes, options.refusal),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest(`the ${options.what} is not UTF-8 text`);
  }
}
