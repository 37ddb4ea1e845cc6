/**
 * Markdown with LaTeX for untrusted text (LLM completions, problems, principles). Safe by construction:
 * - raw HTML in the source is never parsed into elements: it is turned into plain text (shown escaped, so
 *   a completion's `<think>` or `<script>` stays readable), and rehype-sanitize (GitHub's allow-list)
 *   runs over the tree anyway, so no script, event handler, iframe, style or javascript: URL can reach
 *   the DOM;
 * - KaTeX renders math after sanitising, with `trust: false` (no \href, \url, \htmlClass …) and an
 *   expansion limit, so a hostile macro can neither inject markup nor hang the page;
 * - \( … \) and \[ … \] are read as math too (models write both), outside code;
 * - images are shown as their alt text: a remote image in model output is a tracking pixel at best.
 */
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeKatex from "rehype-katex";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { normalizeMathDelimiters } from "@/lib/domain/text/normalize-math-delimiters";

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** remark plugin: HTML in the markdown becomes literal text (the default would drop it silently). */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

type KatexOptions = NonNullable<Parameters<typeof rehypeKatex>[0]>;

const KATEX_OPTIONS: KatexOptions = {
  strict: "ignore",
  trust: false,
  maxExpand: 500,
  maxSize: 50,
  output: "htmlAndMathml",
};

const COMPONENTS: Components = {
  img: ({ alt }) => <span className="text-slate-500">[image{alt ? `: ${alt}` : ""}]</span>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-sky-700 underline">
      {children}
    </a>
  ),
};

const REMARK_PLUGINS: ComponentProps<typeof ReactMarkdown>["remarkPlugins"] = [
  remarkGfm,
  remarkMath,
  remarkHtmlAsText,
];
// Order matters: sanitise the text's own tree first, then let KaTeX add its (trusted) markup.
const REHYPE_PLUGINS: ComponentProps<typeof ReactMarkdown>["rehypePlugins"] = [
  rehypeSanitize,
  [rehypeKatex, KATEX_OPTIONS],
];

export function SafeMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ?? "safe-markdown text-sm leading-relaxed break-words"}>
      <ReactMarkdown
        remarkPlugins={REMARK_PLUGINS}
        rehypePlugins={REHYPE_PLUGINS}
        components={COMPONENTS}
        skipHtml={false}
      >
        {normalizeMathDelimiters(text)}
      </ReactMarkdown>
    </div>
  );
}
