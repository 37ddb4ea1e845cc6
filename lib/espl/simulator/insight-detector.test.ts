import { describe, expect, test } from "vitest";
import { buildPolicyPrompt } from "../prompts/policy-prompt";
import { CATEGORIES } from "./categories";
import {
  analysePrinciples,
  parsePromptPrinciples,
  readPrincipleInsights,
  readPromptFeatures,
} from "./insight-detector";
import {
  GENERIC_PRINCIPLES,
  MERGED_GENERIC_PRINCIPLE,
  SLIP_PRINCIPLES,
  UNHELPFUL_PRINCIPLES,
} from "./reflection-texts";

describe("parsePromptPrinciples", () => {
  test("reads back exactly the principles rendered into train and test prompts", () => {
    const principles = [
      { id: "G0", text: "Parity first: check whether the count is even or odd." },
      { id: "G1", text: "A principle\nthat spans two lines, with [brackets]." },
      { id: "G2", text: "Stars and bars: \\binom{r+k-1}{k-1}." },
    ];
    for (const mode of ["train", "test"] as const)
      expect(
        parsePromptPrinciples(buildPolicyPrompt(principles, "How many?\n[not] a principle", mode)),
      ).toEqual(principles);
  });

  test("finds nothing in a raw problem or an empty test program", () => {
    expect(parsePromptPrinciples("What is 1 + 1?")).toEqual([]);
    expect(parsePromptPrinciples(buildPolicyPrompt([], "What is 1 + 1?", "test"))).toEqual([]);
  });
});

describe("readPrincipleInsights", () => {
  test("every insight phrasing carries exactly its own category", () => {
    for (const category of CATEGORIES)
      for (const text of category.insights)
        expect(readPrincipleInsights(text), text).toEqual({ helpful: [category.id], misleading: [] });
  });

  test("every misleading principle steers away from its own category only", () => {
    for (const category of CATEGORIES)
      expect(readPrincipleInsights(category.misleading), category.misleading).toEqual({
        helpful: [],
        misleading: [category.id],
      });
  });

  test("general, slip and unhelpful advice carries no insight", () => {
    const texts = [
      ...GENERIC_PRINCIPLES,
      ...Object.values(SLIP_PRINCIPLES),
      ...UNHELPFUL_PRINCIPLES,
      MERGED_GENERIC_PRINCIPLE,
    ];
    for (const text of texts)
      expect(readPrincipleInsights(text), text).toEqual({ helpful: [], misleading: [] });
  });

  test("double negatives recommend, and a negation only reaches its own clause", () => {
    expect(readPrincipleInsights("Never forget to check parity.").helpful).toEqual(["parity"]);
    expect(readPrincipleInsights("Avoid guessing; use inclusion-exclusion.").helpful).toEqual([
      "inclusion-exclusion",
    ]);
    expect(readPrincipleInsights("Use stars and bars rather than complementary counting.")).toEqual({
      helpful: ["stars-and-bars"],
      misleading: ["complementary-counting"],
    });
  });
});

describe("analysePrinciples", () => {
  test("a checklist of insights carries each one more weakly than a focused principle", () => {
    const checklist = {
      id: "G0",
      text: "Try parity, modular arithmetic, the pigeonhole principle and complementary counting.",
    };
    const focused = { id: "G1", text: CATEGORIES[0]!.insights[0]! };
    const features = analysePrinciples([checklist, focused]);
    expect(features.helpful.get("parity")).toEqual({ id: "G1", strength: 1 });
    expect(features.helpful.get("pigeonhole")).toEqual({ id: "G0", strength: 0.5 });
  });

  test("counts principles and words and notices verification", () => {
    const features = readPromptFeatures(
      buildPolicyPrompt(
        [
          { id: "G0", text: GENERIC_PRINCIPLES[0] },
          { id: "G1", text: "Two words." },
        ],
        "Q?",
        "train",
      ),
    );
    expect(features.principleCount).toBe(2);
    expect(features.wordCount).toBe(GENERIC_PRINCIPLES[0].split(" ").length + 2);
    expect(features.verification).toBe(true);
  });
});
