/**
 * LLMs write LaTeX as \( … \) and \[ … \] as often as with dollars, but remark-math knows only dollars.
 * This rewrites the bracket forms to $…$ and $$…$$ outside code (fenced blocks and inline code spans are
 * left as written), so both render as KaTeX. An unclosed \( or \[ is left alone.
 */
export function normalizeMathDelimiters(text: string): string {
  let out = "";
  let i = 0;
  let lineStart = true;
  while (i < text.length) {
    // Fenced code block: copy through to the closing fence (or the end).
    if (lineStart) {
      const fence = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*/.exec(text.slice(i));
      if (fence) {
        const marker = fence[1]!;
        const close = new RegExp(
          `\\n[ \\t]{0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*(?=\\n|$)`,
          "g",
        );
        close.lastIndex = i + fence[0].length;
        const end = close.exec(text);
        const stop = end ? end.index + end[0].length : text.length;
        out += text.slice(i, stop);
        i = stop;
        lineStart = false;
        continue;
      }
    }
    const ch = text[i]!;
    if (ch === "`") {
      // Inline code: a run of n backticks up to the next run of exactly n.
      const run = /^`+/.exec(text.slice(i))![0];
      const end = text.indexOf(run, i + run.length);
      const stop = end === -1 ? i + run.length : end + run.length;
      out += text.slice(i, stop);
      i = stop;
      lineStart = false;
      continue;
    }
    if (ch === "\\" && (text[i + 1] === "(" || text[i + 1] === "[")) {
      const display = text[i + 1] === "[";
      const end = text.indexOf(display ? "\\]" : "\\)", i + 2);
      if (end !== -1) {
        const body = text.slice(i + 2, end);
        out += display ? `\n$$\n${body.trim()}\n$$\n` : `$${body.trim()}$`;
        i = end + 2;
        lineStart = false;
        continue;
      }
    }
    out += ch;
    lineStart = ch === "\n";
    i++;
  }
  return out;
}
