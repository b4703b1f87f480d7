// The one module that imports mathjs (docs/formats.md §7, Derived metrics). It is reached only by
// a dynamic import from derived.ts, so a bundle chunk that never evaluates an expression (the
// simulation worker, the live session) does not carry mathjs.
//
// An expression is parsed by mathjs and its tree checked against a closed list before anything is
// evaluated: numbers, the run's final values and the constants pi and e; arithmetic, comparisons and
// logic; a ? b : c; calls of the listed functions; one-dimensional lists of at most MAX_LIST items.
// Anything else — assignment, function definition, property access, strings, objects, ranges, and
// every other function (import, evaluate, parse, simplify, derivative, createUnit, …) — is refused by
// name with its position, so an expression can only compute a number from numbers.
import { all, create, type MathNode } from 'mathjs';
import type { Issue } from '../engine/errors.ts';
import type { DerivedEvaluator, DerivedMetric } from './derived.ts';

/** Functions an expression may call: each maps numbers (or one list of numbers) to a number. */
export const ALLOWED_FUNCTIONS = [
  'abs',
  'ceil',
  'exp',
  'floor',
  'hypot',
  'log',
  'log10',
  'log2',
  'max',
  'mean',
  'median',
  'min',
  'mod',
  'pow',
  'round',
  'sign',
  'sqrt',
  'sum',
] as const;
export const ALLOWED_CONSTANTS = ['pi', 'e'] as const;
const OPERATORS = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'mod',
  'unaryMinus',
  'unaryPlus',
  'equal',
  'unequal',
  'smaller',
  'larger',
  'smallerEq',
  'largerEq',
  'and',
  'or',
  'xor',
  'not',
]);
/** Items of a list, e.g. `mean([a, b, c])`: lists exist to feed the list functions, not to build matrices. */
export const MAX_LIST = 64;
export const MAX_EXPRESSION_LENGTH = 1000;
const MAX_NODES = 500;

const math = create(all!, { number: 'number' });

/** 1-based position of the first `name` standing as a word (and, for a call, followed by `(`). */
function positionOf(expression: string, name: string, call: boolean): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![A-Za-z0-9_.])${escaped}${call ? '\\s*\\(' : '(?![A-Za-z0-9_])'}`).exec(expression);
  return m ? m.index + 1 : 1;
}

/** The problems of one expression's tree (empty when it may be evaluated). */
function checkTree(root: MathNode, expression: string, variables: ReadonlySet<string>): string[] {
  // What is not allowed comes first; unknown names inside it (the x of `x = 3`) only when nothing else is wrong.
  const problems: string[] = [];
  const names: string[] = [];
  let nodes = 0;
  const note = (p: string, list = problems) => {
    if (!list.includes(p)) list.push(p);
  };
  root.traverse((node, path, parent) => {
    nodes++;
    switch (node.type) {
      case 'ConstantNode': {
        const v = (node as unknown as { value: unknown }).value;
        if (typeof v !== 'number' && typeof v !== 'boolean')
          note(`at char ${Math.max(1, expression.search(/["']/) + 1)}: only numbers may be written, not text`, names);
        break;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (parent?.type === 'FunctionNode' && path === 'fn') break; // checked as the call
        if (!variables.has(name) && !(ALLOWED_CONSTANTS as readonly string[]).includes(name))
          note(
            `at char ${positionOf(expression, name, false)}: ${name} is not a final value of this run (nor pi or e)`,
            names,
          );
        break;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : null;
        if (name === null) note(`at char 1: only a named function may be called`);
        else if (!(ALLOWED_FUNCTIONS as readonly string[]).includes(name))
          note(
            `at char ${positionOf(expression, name, true)}: function ${name} is not allowed (allowed: ${ALLOWED_FUNCTIONS.join(', ')})`,
          );
        break;
      }
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string };
        if (!OPERATORS.has(op.fn))
          note(`at char ${positionOf(expression, op.op, false)}: the operator ${op.op} is not allowed`);
        break;
      }
      case 'ArrayNode': {
        const items = (node as unknown as { items: MathNode[] }).items;
        if (parent?.type === 'ArrayNode') note('at char 1: lists may not be nested (no matrices)');
        else if (items.length > MAX_LIST)
          note(`at char 1: a list may hold at most ${MAX_LIST} items (got ${items.length})`);
        break;
      }
      case 'ParenthesisNode':
      case 'ConditionalNode':
      case 'RelationalNode':
        break;
      default: {
        const what: Record<string, [string, string]> = {
          AssignmentNode: ['assignment is', '='],
          FunctionAssignmentNode: ['defining a function is', '='],
          BlockNode: ['more than one statement is', ';\n'],
          AccessorNode: ['property access or indexing is', '.['],
          IndexNode: ['property access or indexing is', '.['],
          ObjectNode: ['an object is', '{'],
          RangeNode: ['a range is', ':'],
        };
        const [text, marks] = what[node.type] ?? [`${node.type} is`, ''];
        const at = [...marks].map((m) => expression.indexOf(m)).filter((i) => i >= 0);
        note(`at char ${at.length > 0 ? Math.min(...at) + 1 : 1}: ${text} not allowed`);
      }
    }
  });
  if (nodes > MAX_NODES) note(`at char 1: an expression may have at most ${MAX_NODES} terms (got ${nodes})`);
  return problems.length > 0 ? problems : names;
}

/**
 * Parse and check every expression against the run's final values `variables`; the evaluator
 * computes all of them from one run's final values. Problems are returned as issues at
 * `path.name`, each naming the position and the reason; the evaluator is null when there are any.
 */
export function compileExpressions(
  metrics: readonly DerivedMetric[],
  variables: readonly string[],
  path: string,
): { issues: Issue[]; evaluate: DerivedEvaluator | null } {
  const issues: Issue[] = [];
  const known = new Set(variables);
  const compiled: { name: string; run: (scope: Map<string, unknown>) => unknown }[] = [];
  for (const d of metrics) {
    const at = `${path}.${d.name}`;
    if (d.expression.length > MAX_EXPRESSION_LENGTH) {
      issues.push({ path: at, value: d.expression, rule: `must be at most ${MAX_EXPRESSION_LENGTH} characters` });
      continue;
    }
    let tree: MathNode;
    try {
      tree = math.parse(d.expression);
    } catch (e) {
      const err = e as Error & { char?: number };
      const reason = err.message.replace(/\s*\(char \d+\)\s*$/, '');
      issues.push({ path: at, value: d.expression, rule: `at char ${err.char ?? 1}: ${reason}` });
      continue;
    }
    const problems = checkTree(tree, d.expression, known);
    if (problems.length > 0) {
      for (const rule of problems) issues.push({ path: at, value: d.expression, rule });
      continue;
    }
    const code = tree.compile();
    // A trial with every final value 1 finds a wrong number of arguments or a list as the result
    // before any run; a value it cannot know (a division by zero in a real run) fails that run.
    try {
      const trial = code.evaluate(new Map(variables.map((v) => [v, 1])));
      if (typeof trial !== 'number' && typeof trial !== 'boolean')
        issues.push({ path: at, value: d.expression, rule: 'at char 1: must give one number (it gives a list)' });
    } catch (e) {
      issues.push({ path: at, value: d.expression, rule: `at char 1: ${(e as Error).message}` });
    }
    compiled.push({ name: d.name, run: (scope) => code.evaluate(scope) });
  }
  if (issues.length > 0) return { issues, evaluate: null };
  return {
    issues,
    evaluate(final) {
      const scope = new Map<string, unknown>(Object.entries(final));
      const out: Record<string, number> = {};
      for (const c of compiled) out[c.name] = toNumber(c.run(scope));
      return out;
    },
  };
}

/** A boolean counts as 1 or 0; anything but a number (a list, a matrix) is not a metric. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}
