"use client";
/**
 * A long untrusted text, rendered block by block in a virtualised scroll box: a 50,000-character
 * completion puts only the blocks in view through markdown and KaTeX. Short texts render whole.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { normalizeMathDelimiters } from "@/lib/domain/text/normalize-math-delimiters";
import { splitMarkdownBlocks } from "@/lib/domain/text/split-markdown-blocks";
import { SafeMarkdown } from "./safe-markdown";

/** Below this many characters the whole text renders at once. */
const VIRTUALISE_FROM = 6_000;

export function LongMarkdown({ text, raw = false }: { text: string; raw?: boolean }) {
  // Bracket math becomes dollars before the split, so a \[ … \] spanning blank lines stays one block.
  const blocks = useMemo(
    () =>
      text.length < VIRTUALISE_FROM ? null : splitMarkdownBlocks(raw ? text : normalizeMathDelimiters(text)),
    [text, raw],
  );
  if (!blocks)
    return raw ? (
      <pre className="font-mono text-xs break-words whitespace-pre-wrap">{text}</pre>
    ) : (
      <SafeMarkdown text={text} />
    );
  return <VirtualBlocks blocks={blocks} raw={raw} />;
}

function VirtualBlocks({ blocks, raw }: { blocks: string[]; raw: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read in this render only (nothing memoised receives its functions).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: blocks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 80,
    overscan: 4,
  });
  return (
    <div ref={scrollRef} data-testid="virtual-completion" className="max-h-[60vh] overflow-auto">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${item.start}px)`,
            }}
            className="pb-3"
          >
            {raw ? (
              <pre className="font-mono text-xs break-words whitespace-pre-wrap">{blocks[item.index]}</pre>
            ) : (
              <SafeMarkdown text={blocks[item.index]!} />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
