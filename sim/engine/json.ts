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
  const skip = () => { while (i < n && WS.has(text[i]!)) i++; };
  // Returns -1 with i past the closing quote, or the offset of the error.
  const string = (): number => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return -1; }
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
      if (c === ',') { i++; state = top === '{' ? 'key' : 'value'; continue; }
      if ((top === '{' && c === '}') || (top === '[' && c === ']')) { i++; stack.pop(); continue; }
      return i;
    }
    if (i >= n) return i;
    const c = text[i]!;
    if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') { i++; stack.pop(); state = 'after'; continue; }
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
    if (c === '{') { stack.push('{'); i++; state = 'firstKey'; continue; }
    if (c === '[') {
      stack.push('[');
      i++;
      skip();
      if (text[i] === ']') { i++; stack.pop(); state = 'after'; } else state = 'value';
      continue;
    }
    state = 'after';
    if (c === '"') {
      const e = string();
      if (e >= 0) return e;
      continue;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) { i = NUMBER.lastIndex; continue; }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) { i += word.length; continue; }
    return i;
  }
}

/** Where and why `text` is not JSON (null when it is), quoting nothing from it. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const at = jsonErrorOffset(text);
  if (at < 0) return null;
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) { line++; start = k + 1; }
  const rule = at >= text.length ? 'unexpected end of the text'
    : text.charCodeAt(at) === 0xfeff ? 'a byte-order mark is not JSON'
      : 'unexpected character';
  return { line, column: at - start + 1, rule };
}

/**
 * The path (as validation errors write paths: `meta.a[0].b`) of the first array or object nested
 * more than `max` levels deep, or null. Iterative, so a value nested 100 000 levels deep is fine.
 */
export function tooDeepPath(value: unknown, max = MAX_JSON_DEPTH): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return path;
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) stack.push({ v: v[k], depth: depth + 1, path: `${path}[${k}]` });
    } else {
      const keys = Object.keys(v);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}
