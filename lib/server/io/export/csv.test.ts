import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatCsvField, formatCsvRow } from "./csv";
import { parseCsv } from "./testing/parse-csv";

describe("CSV", () => {
  test("quotes only the fields that need it", () => {
    expect(formatCsvField("plain")).toBe("plain");
    expect(formatCsvField(1.5)).toBe("1.5");
    expect(formatCsvField(null)).toBe("");
    expect(formatCsvField(undefined)).toBe("");
    expect(formatCsvField(false)).toBe("false");
    expect(formatCsvField("a,b")).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvField("cr\r")).toBe('"cr\r"');
    expect(formatCsvRow(["a", 1, null, "x,y"])).toBe('a,1,,"x,y"\r\n');
  });

  test("any table of strings survives formatting and parsing", () => {
    const tables = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 6,
      }),
    );
    fc.assert(
      fc.property(tables, (table) => {
        expect(parseCsv(table.map(formatCsvRow).join(""))).toEqual(table);
      }),
    );
  });

  test("the test parser refuses malformed input", () => {
    expect(() => parseCsv('a,"b\r\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,"b"c\r\n')).toThrow(/after a quoted field/);
    expect(() => parseCsv("a,b\r\nc\r\n")).toThrow(/row 1 has 1 fields/);
    expect(() => parseCsv("a,b")).toThrow(/CRLF/);
    expect(() => parseCsv("a\nb\r\n")).toThrow(/unquoted/);
  });
});
