import { describe, expect, test } from "vitest";
import { collectCandidates } from "./extract-candidates";
import type { Candidate } from "./extract-candidates";

function describeCandidate(c: Candidate): string {
  const { source } = c;
  if (source.kind === "plain") return `${c.priority}:plain:${source.match.text}`;
  if (source.kind === "boxed") return `${c.priority}:boxed:${source.content}`;
  return `${c.priority}:latex:${source.pieces.map((p) => p.content + (p.percent ? "%" : "")).join("|")}`;
}

const first = (text: string, plain = true) =>
  collectCandidates(text, { latex: true, plain }).flat().map(describeCandidate)[0];

describe("collectCandidates", () => {
  test("groups by priority, lowest first, rightmost end first inside a group", () => {
    const groups = collectCandidates("x \\boxed{1} y \\boxed{2} then 3 and 4", { latex: true, plain: true });
    expect(groups.map((g) => g[0]!.priority)).toEqual([50, 300]);
    expect(groups[0]!.map(describeCandidate)).toEqual(["50:boxed:2", "50:boxed:1"]);
    expect(groups[1]!.map(describeCandidate)).toEqual(["300:plain:4", "300:plain:3"]);
  });

  test.each([
    ["The final answer is $5$. I hope it is correct.", "0:latex:5"],
    ["The final answer to the problem is $7$", "50:latex:7"],
    ["Answer: $9$ and later $10$", "100:latex:9"],
    ["The answer is $8$, and 12", "200:latex:8"],
    ["Answer: x = 3", "100:plain:3"],
    ["We get $\\frac{1}{2}$ and 0.5", "300:plain:0.5"],
    ["$2$, $3$ and $4$", "300:latex:2|3|4"],
    ["It is $40$ percent", "300:latex:40%"],
    ["Total: 1,234,567.5 dollars", "300:plain:1234567.5"],
    ["about 007 items", "300:plain:7"],
    ["So 3 + 4 = 7.", "300:plain:7"],
    ["compute 2^10 - 1 here", "300:plain:2^10 - 1"],
  ])("%j starts with %s", (text, expected) => {
    expect(first(text)).toBe(expected);
  });

  test("the gold configuration ignores plain numbers", () => {
    expect(first("12 and 13", false)).toBeUndefined();
    expect(first("\\boxed{13}", false)).toBe("50:boxed:13");
  });

  test("numbers need a prefix: no '2' from 'X2Y'", () => {
    expect(first("code X2Y")).toBeUndefined();
  });
});
