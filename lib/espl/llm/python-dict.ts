/**
 * Just enough of Python's object model to replay the reference's principle edits faithfully when an LLM
 * reply holds odd values: an insertion-ordered dict with Python key semantics, subscripting that raises
 * the same exception classes, and Python iteration. JS objects cannot serve as the dict because they
 * reorder integer-like keys and cannot hold a number key (SPEC §13 item 28).
 */

/** An exception the reference would have raised; `pyType` is the Python class name ("KeyError"…). */
export class PyError extends Error {
  constructor(
    readonly pyType: "Exception" | "KeyError" | "TypeError" | "ValueError" | "AttributeError",
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

/** Values Python can hash when they come from JSON: str, int/float, bool, None. */
export type PyKey = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof PyDict);
}

/** Python's type name of a JSON-like value, for error messages. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  return "dict";
}

/** Raises TypeError for unhashable values (lists, dicts), as `hash()` would. */
export function toPyKey(value: unknown): PyKey {
  if (value === undefined) return null;
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  throw new PyError("TypeError", `unhashable type: '${pyTypeName(value)}'`);
}

/** Python key equality: `True == 1 == 1.0`, `False == 0`; strings only equal strings. */
function keysEqual(a: PyKey, b: PyKey): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (a === null || b === null) return a === b;
  return Number(a) === Number(b);
}

/** An insertion-ordered dict; assigning an existing key keeps its position and its original key. */
export class PyDict {
  private readonly items: [PyKey, unknown][] = [];

  static fromEntries(entries: Iterable<readonly [PyKey, unknown]>): PyDict {
    const dict = new PyDict();
    for (const [k, v] of entries) dict.set(k, v);
    return dict;
  }

  get size(): number {
    return this.items.length;
  }

  private indexOf(key: unknown): number {
    const k = toPyKey(key);
    return this.items.findIndex(([existing]) => keysEqual(existing, k));
  }

  /** `key in dict` (TypeError when the key is unhashable). */
  has(key: unknown): boolean {
    return this.indexOf(key) >= 0;
  }

  /** `dict[key]` (KeyError when absent). */
  get(key: unknown): unknown {
    const i = this.indexOf(key);
    if (i < 0) throw new PyError("KeyError", String(key));
    return this.items[i]![1];
  }

  /** `dict[key] = value`. */
  set(key: unknown, value: unknown): void {
    const i = this.indexOf(key);
    if (i >= 0) this.items[i]![1] = value;
    else this.items.push([toPyKey(key), value]);
  }

  /** `del dict[key]` (KeyError when absent). */
  delete(key: unknown): void {
    const i = this.indexOf(key);
    if (i < 0) throw new PyError("KeyError", String(key));
    this.items.splice(i, 1);
  }

  keys(): PyKey[] {
    return this.items.map(([k]) => k);
  }

  values(): unknown[] {
    return this.items.map(([, v]) => v);
  }

  entries(): [PyKey, unknown][] {
    return this.items.map(([k, v]) => [k, v]);
  }

  copy(): PyDict {
    return PyDict.fromEntries(this.items);
  }
}

/**
 * `container[key]` for a string key, as the reference subscripts parsed operations: dicts raise KeyError
 * when the key is missing, every other type raises TypeError.
 */
export function pyGetItem(container: unknown, key: string): unknown {
  if (isPlainObject(container)) {
    if (!Object.hasOwn(container, key)) throw new PyError("KeyError", `'${key}'`);
    return container[key];
  }
  if (container instanceof PyDict) return container.get(key);
  throw new PyError("TypeError", `'${pyTypeName(container)}' object is not subscriptable by str`);
}

/** `for item in value`: lists yield items, strings code points, dicts keys; other types raise TypeError. */
export function pyIterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return Array.from(value);
  if (value instanceof PyDict) return value.keys();
  if (isPlainObject(value)) return Object.keys(value);
  throw new PyError("TypeError", `'${pyTypeName(value)}' object is not iterable`);
}

/** `len(value)`: lists, strings (code points) and dicts are sized; other types raise TypeError. */
export function pyLen(value: unknown): number {
  return pyIterate(value).length;
}

/**
 * `int(text)` for decimal text: surrounding whitespace, a sign and single underscores between digits are
 * accepted as in Python; anything else raises ValueError. (Python also reads non-ASCII decimal digits;
 * principle ids never contain them.)
 */
export function pyInt(text: string): number {
  const body = pyStrip(text);
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(body))
    throw new PyError("ValueError", `invalid literal for int() with base 10: '${text}'`);
  return Number(body.replace(/_/g, ""));
}

/** The characters Python's `str.strip()` removes (JS `trim()` differs on \x1c-\x1f, \x85 and \ufeff). */
const PY_WHITESPACE = new Set(
  "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
);

/** `text.strip()` with Python's notion of whitespace. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_WHITESPACE.has(text[start]!)) start++;
  while (end > start && PY_WHITESPACE.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}
