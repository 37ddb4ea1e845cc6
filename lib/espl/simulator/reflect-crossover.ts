/**
 * Simulated answer to the crossover prompt (SPEC §9): for each question another set won, Set A borrows
 * the winning set's principle when it carries the question's insight and Set A lacks it, drops a Set A
 * principle that steers away from that insight, and now and then adopts the winner's wording.
 */
import type { CategoryId, RandomSource } from "./category-types";
import { readPrincipleInsights } from "./insight-detector";
import type { CategoryLookup } from "./categories";
import type { CrossoverInput } from "./reflection-contexts";
import { drawFlaws, writePlannedReply } from "./reply-writer";
import type { PlannedOp, ReflectionReply, ReplyFlaw } from "./reply-writer";

const REWORD_RATE = 0.25;
const GENERIC_BORROW_RATE = 0.3;

type PrincipleList = CrossoverInput["sets"][number]["principles"];

/** Per category, the first principle of the list carrying (or discouraging) its insight. */
function indexInsights(principles: PrincipleList) {
  const helpful = new Map<CategoryId, string>();
  const misleading = new Map<CategoryId, string>();
  const generic: PrincipleList = [];
  for (const p of principles) {
    const insights = readPrincipleInsights(p.text);
    for (const id of insights.helpful) if (!helpful.has(id)) helpful.set(id, p.id);
    for (const id of insights.misleading) if (!misleading.has(id)) misleading.set(id, p.id);
    if (insights.helpful.length === 0 && insights.misleading.length === 0) generic.push(p);
  }
  return { helpful, misleading, generic };
}

export function answerCrossover(
  input: CrossoverInput,
  lookup: CategoryLookup,
  rng: RandomSource,
): ReflectionReply {
  const flaws = drawFlaws(rng);
  const [setA, ...others] = input.sets;
  const a = indexInsights(setA!.principles);
  const notes: string[] = [];
  const planned: PlannedOp[] = [];
  const handled = new Set<CategoryId>();
  for (const set of others) {
    const theirs = indexInsights(set.principles);
    for (const question of set.wonQuestions) {
      const category = lookup(question.text);
      const q = `Q.${question.problemIndex}`;
      if (!category) {
        notes.push(`- ${q}: Set ${set.label} won, but no principle explains it; probably chance.`);
        continue;
      }
      const winnerId = theirs.helpful.get(category.id);
      const winner = set.principles.find((p) => p.id === winnerId);
      notes.push(
        winner
          ? `- ${q} (${category.label}): Set ${set.label} won, likely thanks to ${set.label}.${winner.id}.`
          : `- ${q} (${category.label}): Set ${set.label} won without a relevant principle; probably chance.`,
      );
      if (handled.has(category.id)) continue;
      handled.add(category.id);
      const evidence = `Set ${set.label} won ${q}${winner ? ` with ${set.label}.${winner.id}` : ""}`;
      const misleadingId = a.misleading.get(category.id);
      const carrierId = a.helpful.get(category.id);
      if (misleadingId)
        planned.push({
          op: [
            ["operation", "remove"],
            ["remove_id", `A.${misleadingId}`],
            ["evidence", `${evidence}; A.${misleadingId} steers away from ${category.label}`],
          ],
          why: `remove A.${misleadingId}, which discourages ${category.label}`,
        });
      if (winner && !carrierId)
        planned.push({
          op: [
            ["operation", "add"],
            ["evidence", `${evidence}, which Set A lacks`],
            ["principle", winner.text],
          ],
          why: `borrow ${set.label}.${winner.id} for ${category.label}`,
        });
      else if (winner && carrierId && rng.random() < REWORD_RATE)
        planned.push({
          op: [
            ["operation", "modify"],
            ["modified_from", `A.${carrierId}`],
            ["evidence", `${evidence}; its wording worked better than A.${carrierId}`],
            ["principle", winner.text],
          ],
          why: `adopt ${set.label}.${winner.id}'s wording for A.${carrierId}`,
        });
    }
  }
  const aTexts = new Set(setA!.principles.map((p) => p.text));
  const borrowable = others
    .flatMap((s) => indexInsights(s.principles).generic)
    .find((p) => !aTexts.has(p.text));
  if (planned.length === 0 && borrowable && rng.random() < GENERIC_BORROW_RATE)
    planned.push({
      op: [
        ["operation", "add"],
        ["evidence", "the other sets' general habits may have contributed to their wins"],
        ["principle", borrowable.text],
      ],
      why: "borrow a general habit",
    });
  const extra: ReplyFlaw[] = [];
  const idIndex = planned.findIndex((p) =>
    p.op.some(([key]) => key === "remove_id" || key === "modified_from"),
  );
  if (flaws.unknownId && idIndex >= 0) {
    extra.push("unknown-id");
    const ghost = `A.G${setA!.principles.length + 4}`;
    const target = planned[idIndex]!;
    planned[idIndex] = {
      ...target,
      op: target.op.map(([key, value]) =>
        key === "remove_id" || key === "modified_from" ? [key, ghost] : [key, value],
      ),
    };
  }
  const won = setA!.wonQuestions.map((q) => `Q.${q.problemIndex}`).join(", ");
  const reasoning = [
    "### Evidence",
    `- Set A won ${won || "no question outright"}; its principles there are worth keeping.`,
    ...notes,
    "",
    "### Changes to Set A",
    ...(planned.length > 0
      ? planned.map((p) => `- ${p.why}.`)
      : ["- The evidence does not support any change."]),
  ].join("\n");
  return writePlannedReply(reasoning, planned, flaws, extra);
}
