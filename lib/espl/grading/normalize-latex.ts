/**
 * Answer-level LaTeX clean-up before parsing (the spirit of latex2sympy2's normalisation with units,
 * malformed operators and boxed extraction on): pick the boxed content, drop sizing/spacing commands,
 * degree marks, unit words and dollar signs, and unify fraction/binomial spellings. Percent signs are kept
 * as "%" so the parser can divide by 100.
 */
import { extractBoxedContents } from "./find-latex-spans";

/** Unit words that may follow a numeric answer, with an optional square/cubic qualifier or ^2/^3. */
const UNIT_WORDS = [
  "units?",
  "sq(?:uare)?\\.?\\s*units?",
  "(?:square|cubic|sq\\.?)?\\s*(?:cm|mm|km|m|in|ft|yd|mi|inch(?:es)?|feet|foot|yards?|miles?|meters?|metres?|centimeters?|centimetres?|millimeters?|kilometers?)",
  "degrees?",
  "radians?",
  "dollars?",
  "cents?",
  "(?:milli)?seconds?",
  "sec",
  "minutes?",
  "min",
  "hours?",
  "hrs?",
  "days?",
  "weeks?",
  "months?",
  "years?",
  "(?:kilo)?grams?",
  "kg",
  "g",
  "pounds?",
  "lbs?",
  "ounces?",
  "oz",
  "liters?",
  "litres?",
  "ml",
  "mph",
  "km/h",
  "ways",
  "people",
  "students",
  "times",
  "points?",
  "percent",
];
const UNIT_PHRASE = new RegExp(`^\\s*(?:${UNIT_WORDS.join("|")})(?:\\s*\\^?\\s*\\{?[23]\\}?)?\\s*$`, "i");
const TEXT_COMMAND = /\\(?:text|textrm|textnormal|mbox|mathrm|hbox)\s*\{([^{}]*)\}/g;
/**
 * Every replacement below and TEXT_COMMAND needs one of these characters, and none introduces one unless
 * a backslash was already there, so answers without them ("42", "-3.5") skip the whole list.
 */
const NEEDS_REPLACEMENTS = /[\\°~{^]/;
const WHITESPACE_RUN = /\s+/g;
const TRAILING_PUNCTUATION = /[.,;]$/;

const REPLACEMENTS: [RegExp, string][] = [
  [/\\(?:left|right)\s*\./g, ""],
  [/\\(?:left|right)(?![a-zA-Z])/g, ""],
  [/\\[Bb]igg?[lrm]?(?![a-zA-Z])/g, ""],
  [/\\(?:displaystyle|textstyle|scriptstyle)(?![a-zA-Z])/g, ""],
  [/\\[dtc]frac(?![a-zA-Z])/g, "\\frac"],
  [/\\[dt]binom(?![a-zA-Z])/g, "\\binom"],
  [/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![a-zA-Z])|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])|°/g, ""],
  [/\{,\}/g, ""],
  [/\\[,!]/g, ""],
  [/\\(?:[;: ]|q?quad(?![a-zA-Z]))|~/g, " "],
  [/\\\$/g, ""],
  [/\\%/g, "%"],
];

/** Drops `\text{cm}`-style unit words, keeps any other text command as written. */
function keepUnlessUnit(whole: string, inner: string): string {
  return UNIT_PHRASE.test(inner) ? "" : whole;
}

/**
 * `boxed`: "last" keeps only the last boxed group (a `\boxed{…}` candidate), "all" joins every boxed
 * group of a math span with commas (several boxed answers become a set).
 */
export function normalizeLatex(latex: string, boxed: "last" | "all" = "all"): string {
  let text = latex;
  const contents = extractBoxedContents(text);
  if (contents) text = boxed === "last" ? contents[contents.length - 1]! : contents.join(",");
  if (NEEDS_REPLACEMENTS.test(text)) {
    for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
    text = text.replace(TEXT_COMMAND, keepUnlessUnit);
  }
  return text.replace(WHITESPACE_RUN, " ").trim().replace(TRAILING_PUNCTUATION, "").trim();
}
