import type { WordPart } from "@/lib/view/prompts/principle-diff";

/** Word-level highlights. Principle text is untrusted LLM output: rendered as text nodes only. */
export function WordParts({ parts, side }: { parts: WordPart[]; side: "before" | "after" }) {
  return (
    <span>
      {parts.map((part, i) => {
        if (part.kind === "same") return <span key={i}>{part.value}</span>;
        if (side === "before" && part.kind === "removed")
          return (
            <del key={i} className="bg-rose-100 text-rose-900">
              {part.value}
            </del>
          );
        if (side === "after" && part.kind === "added")
          return (
            <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
              {part.value}
            </ins>
          );
        return null;
      })}
    </span>
  );
}
