import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { SafeMarkdown } from "./safe-markdown";

const render = (text: string) => renderToStaticMarkup(createElement(SafeMarkdown, { text }));

/** Every element tag in the markup. */
const tags = (html: string) => [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
/** Every attribute name inside a real tag (escaped text has no `<`, so it cannot match). */
const attributes = (html: string) =>
  [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) =>
    [...tag[0].matchAll(/\s([a-zA-Z:-]+)=/g)].map((m) => m[1]!.toLowerCase()),
  );

describe("SafeMarkdown", () => {
  test("script, img onerror, iframe, style and svg in the text render as inert text", () => {
    const html = render(
      [
        "Before <script>window.__pwned = 1</script> after.",
        '<img src="x" onerror="window.__pwned = 2">',
        '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
        '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<div onclick="alert(1)" style="position:fixed">click</div>',
      ].join("\n\n"),
    );
    expect(tags(html).filter((t) => ["script", "img", "iframe", "style", "svg"].includes(t))).toEqual([]);
    // The one div is the wrapper.
    expect(tags(html).filter((t) => t === "div")).toHaveLength(1);
    expect(attributes(html).filter((a) => a.startsWith("on") || a === "style")).toEqual([]);
    // The text is still there to read, escaped.
    expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
    expect(html).toContain("onerror=&quot;window.__pwned = 2&quot;");
  });

  test("javascript: and data: links lose their href; http links open safely in a new tab", () => {
    const html = render(
      "[a](javascript:alert(1)) [b](data:text/html,<script>x</script>) [c](https://ok.example)",
    );
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
  });

  test("markdown images become their alt text, never an <img>", () => {
    const html = render("![chart](https://tracker.example/pixel.png)");
    expect(tags(html)).not.toContain("img");
    expect(html).toContain("[image: chart]");
  });

  test("inline and display LaTeX render as KaTeX markup", () => {
    const html = render("Inline $\\frac{a}{b}$ and\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<math");
    expect(html).toContain("mfrac");
  });

  test("\\( \\) and \\[ \\] render as KaTeX too, but not inside code", () => {
    const html = render("So \\( x^2 \\) and\n\\[\n\\sqrt{2}\n\\]\n\n`\\(y\\)`");
    expect(html).toContain('class="katex-display"');
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain("<code>\\(y\\)</code>");
  });

  test("KaTeX does not trust the text: \\href and \\htmlClass are not rendered as links or classes", () => {
    const html = render(
      "$\\href{javascript:alert(1)}{x}$ $\\htmlClass{evil}{y}$ $\\url{javascript:alert(2)}$",
    );
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain('class="evil"');
  });

  test("a macro bomb is cut off instead of hanging", () => {
    const bomb =
      "$\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{xxxxxxxx}\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a$";
    const start = Date.now();
    const html = render(bomb.repeat(3));
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(html.length).toBeLessThan(2_000_000);
  });

  test("ordinary markdown still renders: emphasis, lists, code, tables", () => {
    const html = render("**bold** _it_\n\n- one\n- two\n\n`x < y`\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(tags(html)).toEqual(expect.arrayContaining(["strong", "em", "ul", "li", "code", "table"]));
    expect(html).toContain("x &lt; y");
  });
});
