/**
 * Cursor pagination of /api/v1 lists ordered newest first: the cursor names the last row served (its
 * creation time and id, the order's tie-break), so pages stay stable while new rows arrive.
 */
import { z } from "zod";

export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString("base64url");
}

const positionSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
