import { describe, expect, test } from "vitest";
import { splitMarkdownBlocks } from "./split-markdown-blocks";

describe("splitMarkdownBlocks", () => {
  test("splits at blank lines", () => {
    expect(splitMarkdownBlocks("a\nb\n\n\nc\n\nd")).toEqual(["a\nb", "c", "d"]);
  });

  test("keeps fenced code and display math whole across blank lines", () => {
    const code = "```py\nx = 1\n\ny = 2\n```";
    const math = "$$\na = b\n\nc = d\n$$";
    expect(splitMarkdownBlocks(`intro\n\n${code}\n\n${math}\n\nend`)).toEqual(["intro", code, math, "end"]);
  });

  test("a one-line $$…$$ does not open a block; a tilde fence closes only with its own marker", () => {
    expect(splitMarkdownBlocks("$$x$$\n\ny")).toEqual(["$$x$$", "y"]);
    expect(splitMarkdownBlocks("~~~\na\n```\n\nb\n~~~\n\nc")).toEqual(["~~~\na\n```\n\nb\n~~~", "c"]);
  });

  test("cuts an over-long paragraph at line ends and loses no text", () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i} ${"x".repeat(90)}`).join("\n");
    const blocks = splitMarkdownBlocks(long, 1000);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.join("\n")).toBe(long);
    for (const b of blocks) expect(b.length).toBeLessThan(1200);
  });

  test("empty and whitespace-only texts give no blocks", () => {
    expect(splitMarkdownBlocks("")).toEqual([]);
    expect(splitMarkdownBlocks("\n  \n\n")).toEqual([]);
  });
});
