import "server-only";

/**
 * Keyset pagination: every page starts after the last row of the previous one, so each query is an index
 * range scan whatever the depth (OFFSET would rescan every earlier row), and at most one page is held in
 * memory at a time.
 */
export async function* readPages<Row, Key>(
  readPage: (after: Key | null, limit: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  pageSize: number,
): AsyncGenerator<Row[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size must be ≥ 1, got ${pageSize}`);
  let after: Key | null = null;
  for (;;) {
    const rows = await readPage(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}
