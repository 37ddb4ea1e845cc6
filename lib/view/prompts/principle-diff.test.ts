import { describe, expect, it } from "vitest";
import { diffWordParts, type WordPart } from "./principle-diff";

/** What one side of the diff view shows: its unchanged parts and its own changes, in order. */
function side(parts: WordPart[], which: "before" | "after"): string {
  const own = which === "before" ? "removed" : "added";
  return parts
    .filter((p) => p.kind === "same" || p.kind === own)
    .map((p) => p.value)
    .join("");
}

describe("word diff keeps the spaces between words", () => {
  it("shows each side exactly as written for a replaced word", () => {
    const before = "Be concise.";
    const after = "Be very concise and clear.";
    const parts = diffWordParts(before, after);
    expect(side(parts, "before")).toBe(before);
    expect(side(parts, "after")).toBe(after);
    const added = parts.filter((p) => p.kind === "added").flatMap((p) => p.value.trim().split(/\s+/));
    expect(added).toEqual(["very", "and", "clear"]);
  });

  it("keeps a space between an unchanged word and a changed one on both sides", () => {
    const parts = diffWordParts(
      "Always cite the source of a claim",
      "Always cite the primary source for each claim",
    );
    expect(side(parts, "before")).toBe("Always cite the source of a claim");
    expect(side(parts, "after")).toBe("Always cite the primary source for each claim");
    expect(parts.find((p) => p.kind === "removed" && p.value === "of")).toBeDefined();
  });

  it("reconstructs both sides for many random sentences, newlines and double spaces included", () => {
    const words = ["cite", "the", "source", "of", "a", "claim.", "(x)", "each", "step,", "1."];
    const seps = [" ", "  ", "\n", " \n", "\t"];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const sentence = () =>
      Array.from({ length: 1 + rand(8) }, () => words[rand(words.length)]! + seps[rand(seps.length)]!)
        .join("")
        .trim();
    for (let i = 0; i < 500; i++) {
      const before = sentence();
      const after = sentence();
      const parts = diffWordParts(before, after);
      expect(side(parts, "before")).toBe(before);
      expect(side(parts, "after")).toBe(after);
    }
  });
});
