/**
 * Cuts a long markdown text into blocks that render on their own, so a 50,000-character completion can be
 * virtualised block by block. A block ends at a blank line, except inside a fenced code block or a $$
 * display-math block, whose opening and closing must stay together. Blocks longer than `maxChars` (one
 * huge paragraph) are cut at line ends, so no single row is unboundedly tall.
 */
export function splitMarkdownBlocks(text: string, maxChars = 4000): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let size = 0;
  let fence: string | null = null;
  let inMath = false;
  const flush = () => {
    if (current.some((line) => line.trim() !== "")) blocks.push(current.join("\n"));
    current = [];
    size = 0;
  };
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const fenceMatch = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fence === null && !inMath && trimmed === "") {
      flush();
      continue;
    }
    current.push(line);
    size += line.length + 1;
    if (fenceMatch && !inMath) {
      if (fence === null) fence = fenceMatch[1]!;
      else if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === "") fence = null;
    } else if (fence === null && (trimmed.match(/\$\$/g)?.length ?? 0) % 2 === 1) {
      inMath = !inMath;
    }
    if (size >= maxChars && fence === null && !inMath) flush();
  }
  flush();
  return blocks;
}
