// Reading untrusted JSON text without echoing it: where a syntax error is (line and column, never
// the bytes around it, which may be someone's /etc/passwd), and how deep the nesting goes (deep
// enough nesting overflows the stack of every recursive walk after the parse: canonical JSON,
// cloning, JSON.stringify itself). Both walk the text or the value with an explicit stack.

/** Arrays and objects nested deeper than this are refused (docs/formats.md, "Limits"). */
export const MAX_JSON_DEPTH = 64;

export interface JsonSyntaxProblem {
  /** 1-based line and column (in UTF-16 code units) of the first character JSON does not allow there. */
  line: number;
  column: number;
  /** What went wrong, in words that quote nothing from the text. */
  rule: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'firstKey' | 'after' = 'value';
  const skip = () => {
    while (i < n && WS.has(text[i]!)) i++;
  };
  // Returns -1 with i past the closing quote, or the offset of the error.
  const string = (): number => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return i;
      } else i++;
    }
    return i;
  };
  for (;;) {
    skip();
    if (state === 'after') {
      if (stack.length === 0) return i >= n ? -1 : i;
      if (i >= n) return i;
      const top = stack[stack.length - 1];
      const c = text[i];
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
        continue;
      }
      if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
    if (i >= n) return i;
    const c = text[i]!;
    if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const e = string();
      if (e >= 0) return e;
      skip();
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    // A value.
    if (c === '{') {
      stack.push('{');
      i++;
      state = 'firstKey';
      continue;
    }
    if (c === '[') {
      stack.push('[');
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        stack.pop();
        state = 'after';
      } else state = 'value';
      continue;
    }
    state = 'after';
    if (c === '"') {
      const e = string();
      if (e >= 0) return e;
      continue;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      continue;
    }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) {
      i += word.length;
      continue;
    }
    return i;
  }
}

/** Where and why `text` is not JSON (null when it is), quoting nothing from it. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const at = jsonErrorOffset(text);
  if (at < 0) return null;
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  const rule =
    at >= text.length
      ? 'unexpected end of the text'
      : text.charCodeAt(at) === 0xfeff
        ? 'a byte-order mark is not JSON'
        : 'unexpected character';
  return { line, column: at - start + 1, rule };
}

/** Strings and key names longer than this are refused (the longest in a bundled file is under 8 000). */
export const MAX_JSON_STRING = 100_000;

export interface JsonShapeProblem {
  /** Where, as validation errors write paths (`meta.a[0].b`; '' for the top level). */
  path: string;
  rule: string;
}

/**
 * The first array or object nested more than `maxDepth` levels deep, or string or key name longer
 * than `maxString` characters, or null. Iterative (a value nested 100 000 levels deep is fine), and
 * a path is only built for containers, so a list of millions of numbers costs no strings.
 */
export function jsonShapeProblem(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxString = MAX_JSON_STRING,
): JsonShapeProblem | null {
  const long = `must not hold a string or key name longer than ${maxString} characters`;
  if (typeof value === 'string' && value.length > maxString) return { path: '', rule: long };
  const stack: { v: object; depth: number; path: string }[] = [];
  if (value !== null && typeof value === 'object') stack.push({ v: value, depth: 1, path: '' });
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (depth > maxDepth) return { path, rule: `must not nest arrays and objects more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) {
        const x: unknown = v[k];
        if (typeof x === 'string' && x.length > maxString) return { path: `${path}[${k}]`, rule: long };
        if (x !== null && typeof x === 'object') stack.push({ v: x, depth: depth + 1, path: `${path}[${k}]` });
      }
    } else {
      const keys = Object.keys(v);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        const at = path ? `${path}.${key.length > maxString ? key.slice(0, 40) : key}` : key.slice(0, maxString + 1);
        if (key.length > maxString) return { path: at, rule: long };
        const x: unknown = (v as Record<string, unknown>)[key];
        if (typeof x === 'string' && x.length > maxString) return { path: at, rule: long };
        if (x !== null && typeof x === 'object') stack.push({ v: x, depth: depth + 1, path: at });
      }
    }
  }
  return null;
}

/** The path of the first array or object nested more than `max` levels deep, or null. */
export function tooDeepPath(value: unknown, max = MAX_JSON_DEPTH): string | null {
  const p = jsonShapeProblem(value, max, Infinity);
  return p ? p.path : null;
}
