/**
 * Search highlights as data, never as HTML: the server asks PostgreSQL's ts_headline to wrap matches in
 * control characters (which it strips from the text first), and splits the result into parts here, so
 * the browser renders each part as text (a <mark> around the hits) and nothing in a completion is ever
 * parsed as markup.
 */

/** Start and end of a match, and the gap between fragments, as ts_headline options name them. */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";
export const FRAGMENT_GAP = "\u0003";
/** Characters that must not occur in the text handed to ts_headline (the server removes them). */
export const HIGHLIGHT_MARKERS = HIT_START + HIT_END + FRAGMENT_GAP;

export interface HighlightPart {
  text: string;
  hit: boolean;
}

/** Fragments are joined by this part. */
const GAP_PART: HighlightPart = { text: " … ", hit: false };

/** ts_headline's output (with the markers above) → text parts, hits flagged; empty parts dropped. */
export function splitHeadline(headline: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  headline.split(FRAGMENT_GAP).forEach((fragment, i) => {
    if (i > 0) parts.push(GAP_PART);
    // After splitting at HIT_START, each piece but the first starts inside a hit that ends at HIT_END.
    fragment.split(HIT_START).forEach((piece, j) => {
      const end = j === 0 ? -1 : piece.indexOf(HIT_END);
      if (end === -1) {
        parts.push({ text: piece.replaceAll(HIT_END, ""), hit: false });
        return;
      }
      parts.push({ text: piece.slice(0, end), hit: true });
      parts.push({ text: piece.slice(end + 1).replaceAll(HIT_END, ""), hit: false });
    });
  });
  // Merge neighbours of the same kind and drop empty ones, so the parts read as the text does.
  const merged: HighlightPart[] = [];
  for (const part of parts) {
    if (part.text === "") continue;
    const last = merged.at(-1);
    if (last && last.hit === part.hit) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
