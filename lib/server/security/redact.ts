/**
 * Masks credentials in text that leaves the process that holds them: log lines, error messages stored
 * on runs and LLM calls, exports. Backend clients may echo a request (a URL with a key in it, an
 * Authorization header) in their errors, so every such text passes through here before it is written
 * anywhere. Known secrets (a run's opened API keys) are masked exactly; common credential shapes are
 * masked by pattern even when nobody registered them.
 */
import "server-only";

export const REDACTED = "[redacted]";

const PATTERNS: readonly RegExp[] = [
  // Authorization headers and bearer tokens.
  /\b(authorization\s*[:=]\s*)(?:bearer|basic|token)?\s*[^\s,;"'}]+/gi,
  /\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // key=value and "key": "value" forms of the usual names.
  /\b((?:api[_-]?key|access[_-]?token|secret|password|passwd|x-api-key)["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
  // Vendor key shapes: OpenAI-style sk-…, Tinker tml-…, Hugging Face hf_….
  /\b()(?:sk|tml)-[A-Za-z0-9_-]{12,}/g,
  /\b()hf_[A-Za-z0-9]{16,}/g,
  // Credentials in URLs: scheme://user:password@host.
  /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+(?=@)/gi,
];

/** Secrets this process opened (API keys), masked exactly wherever they appear. */
const known = new Set<string>();

/** Registers a secret so every later redaction masks it; short strings are ignored (too many false hits). */
export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 6) known.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join(REDACTED);
  for (const pattern of PATTERNS)
    out = out.replace(pattern, (_match, prefix: string) => `${prefix}${REDACTED}`);
  return out;
}

/** Redacts an optional text (stored error columns are nullable). */
export function redactOptional(text: string | null): string | null {
  return text === null ? null : redactSecrets(text);
}
