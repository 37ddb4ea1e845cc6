/**
 * The LIKE pattern for a principle search. The searched text is the principles' JSON array text in lower
 * case (principles_search_text, migration 20261203510000_principle_search), so the needle is lower-cased
 * and escaped as JSON writes a string's content (quotes, backslashes, control characters); then `%`, `_`
 * and `\` are escaped because they are LIKE syntax and a search for them means the characters.
 */
export function likePattern(q: string): string {
  const json = JSON.stringify(q.toLowerCase()).slice(1, -1);
  return `%${json.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
