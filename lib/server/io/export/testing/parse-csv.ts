/**
 * A strict RFC 4180 reader for the tests: it parses what a spreadsheet would and throws on anything
 * malformed (a stray quote, a row of the wrong width), so a quoting bug in the writer cannot pass.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      // A quoted field: runs to the next quote not doubled.
      i++;
      for (;;) {
        if (i >= text.length) throw new SyntaxError("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\r")
        throw new SyntaxError(`unexpected ${JSON.stringify(next)} after a quoted field at ${i}`);
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\r") {
      if (text[i + 1] !== "\n") throw new SyntaxError(`CR without LF at ${i}`);
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (c === "\n" || c === '"') {
      throw new SyntaxError(`unexpected ${JSON.stringify(c)} in an unquoted field at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) throw new SyntaxError("the last row does not end with CRLF");
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, n) => {
    if (r.length !== width) throw new SyntaxError(`row ${n} has ${r.length} fields, the header ${width}`);
  });
  return rows;
}
