/**
 * Adaptive Card templates, compiled once. The official templating SDK (adaptivecards-templating)
 * re-parses every `${...}` expression with an ANTLR grammar on every expansion, which costs more
 * than the rest of a bot turn put together. The cards here use a small, regular part of the
 * templating language, so each template is compiled once into closures for exactly that part:
 *
 *   - `"${path}"` (a whole string): the value, whatever its type; `"a ${path} b"`: interpolation;
 *   - `$data` (an array repeats the element, an object or value becomes its scope, `$index`,
 *     `$root`) and `$when` (the element stays only when the expression is `true`);
 *   - expressions: a property path, `string(path)`, `count(path)`, and one comparison
 *     (`== != > < >= <=`) against a path, a quoted string, a number, `null`, `true` or `false`.
 *
 * Anything else is refused when the template is compiled, so a template can never silently mean
 * something different here. The tests hold every card to the official SDK's output.
 */

type Scope = { data: unknown; root: unknown; index: number | undefined };
type Expr = (scope: Scope) => unknown;
type Node = (scope: Scope) => unknown;

/** Marks an element removed by `$when` or an empty `$data` array. */
const OMIT = Symbol('omit');

/** Compiles a template (a JSON value) into a function from the data to the expanded JSON. */
export function compileTemplate(template: unknown): (data: unknown) => unknown {
  const node = compileNode(template, '$');
  return (data) => {
    const out = node({ data, root: data, index: undefined });
    return out === OMIT ? undefined : out instanceof Repeated ? out.items : out;
  };
}

export class TemplateError extends Error {
  constructor(where: string, message: string) {
    super(`card template ${where}: ${message}`);
    this.name = 'TemplateError';
  }
}

function compileNode(value: unknown, where: string): Node {
  if (typeof value === 'string') return compileString(value, where);
  if (Array.isArray(value)) return compileArray(value, where);
  if (value !== null && typeof value === 'object') return compileObject(value as Record<string, unknown>, where);
  return () => value;
}

const WHOLE = /^\$\{([^{}]*)\}$/;
const PART = /\$\{([^{}]*)\}/g;

function compileString(text: string, where: string): Node {
  if (!text.includes('${')) return () => text;
  const whole = WHOLE.exec(text);
  if (whole) {
    const expr = compileExpression(whole[1]!, where);
    // As the SDK does: an expression with no value leaves its text in place.
    return (scope) => {
      const v = expr(scope);
      return v === undefined ? text : v;
    };
  }
  const pieces: Array<string | { expr: Expr; source: string }> = [];
  let last = 0;
  for (const match of text.matchAll(PART)) {
    if (match.index! > last) pieces.push(text.slice(last, match.index));
    pieces.push({ expr: compileExpression(match[1]!, where), source: match[0] });
    last = match.index! + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return (scope) => {
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const v = piece.expr(scope);
      if (v === undefined) out += piece.source;
      else if (v === null) throw new TemplateError(where, `${piece.source} is null inside a text`);
      else out += typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    return out;
  };
}

function compileArray(items: unknown[], where: string): Node {
  const nodes = items.map((item, i) => ({ node: compileNode(item, `${where}[${i}]`), repeats: isRepeater(item) }));
  return (scope) => {
    const out: unknown[] = [];
    for (const { node, repeats } of nodes) {
      const v = node(scope);
      if (v === OMIT) continue;
      // An element whose $data is an array stands for one element per item, spliced in place.
      if (repeats && v instanceof Repeated) out.push(...v.items);
      else out.push(v);
    }
    return out;
  };
}

class Repeated {
  constructor(readonly items: unknown[]) {}
}

function isRepeater(item: unknown): boolean {
  return item !== null && typeof item === 'object' && !Array.isArray(item) && '$data' in (item as object);
}

function compileObject(object: Record<string, unknown>, where: string): Node {
  const dataExpr = typeof object.$data === 'string' ? compileBinding(object.$data, `${where}.$data`) : undefined;
  if (object.$data !== undefined && typeof object.$data !== 'string') throw new TemplateError(where, '$data must be an expression');
  const whenExpr = typeof object.$when === 'string' ? compileBinding(object.$when, `${where}.$when`) : undefined;
  if (object.$when !== undefined && typeof object.$when !== 'string') throw new TemplateError(where, '$when must be an expression');
  const props = Object.entries(object)
    .filter(([key]) => key !== '$data' && key !== '$when')
    .map(([key, value]) => ({ key, node: compileNode(value, `${where}.${key}`) }));

  const build = (scope: Scope): unknown => {
    if (whenExpr && whenExpr(scope) !== true) return OMIT;
    const out: Record<string, unknown> = {};
    for (const { key, node } of props) {
      const v = node(scope);
      if (v !== OMIT) out[key] = v instanceof Repeated ? v.items : v;
    }
    return out;
  };
  if (!dataExpr) return build;
  return (scope) => {
    const data = dataExpr(scope);
    if (Array.isArray(data)) {
      const items: unknown[] = [];
      data.forEach((item, index) => {
        const v = build({ data: item, root: scope.root, index });
        if (v !== OMIT) items.push(v);
      });
      return items.length === 0 ? OMIT : new Repeated(items);
    }
    // As in the SDK, a $data with no value makes an empty scope: the element's own paths find nothing.
    return build({ data: data ?? null, root: scope.root, index: scope.index });
  };
}

/** `$data` and `$when` hold one `${...}` expression. */
function compileBinding(text: string, where: string): Expr {
  const whole = WHOLE.exec(text);
  if (!whole) throw new TemplateError(where, `expected one \${...} expression, found ${JSON.stringify(text)}`);
  return compileExpression(whole[1]!, where);
}

const COMPARISON = /^(.+?)\s*(==|!=|>=|<=|>|<)\s*(.+)$/;
const CALL = /^(string|count)\((.+)\)$/;
const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function compileExpression(source: string, where: string): Expr {
  const text = source.trim();
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const left = compileOperand(comparison[1]!, where);
    const right = compileOperand(comparison[3]!, where);
    const op = comparison[2]!;
    return (scope) => compare(op, left(scope), right(scope));
  }
  return compileOperand(text, where);
}

function compileOperand(source: string, where: string): Expr {
  const text = source.trim();
  const call = CALL.exec(text);
  if (call) {
    const arg = compileOperand(call[2]!, where);
    if (call[1] === 'string') {
      return (scope) => {
        const v = arg(scope);
        return v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
      };
    }
    return (scope) => {
      const v = arg(scope);
      return Array.isArray(v) || typeof v === 'string' ? v.length : undefined;
    };
  }
  if (/^'[^']*'$/.test(text)) {
    const literal = text.slice(1, -1);
    return () => literal;
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const literal = Number(text);
    return () => literal;
  }
  if (text === 'null') return () => null;
  if (text === 'true') return () => true;
  if (text === 'false') return () => false;
  if (PATH.test(text)) return compilePath(text);
  throw new TemplateError(where, `unsupported expression ${JSON.stringify(source)}`);
}

function compilePath(path: string): Expr {
  const [head, ...rest] = path.split('.');
  const start: (scope: Scope) => unknown =
    head === '$root' ? (s) => s.root : head === '$data' ? (s) => s.data : head === '$index' ? (s) => s.index : (s) => property(s.data, head!);
  return (scope) => {
    let v = start(scope);
    for (const key of rest) v = property(v, key);
    return v;
  };
}

function property(value: unknown, key: string): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Comparisons as adaptive-expressions makes them: a missing value counts as null. */
function compare(op: string, a: unknown, b: unknown): boolean | undefined {
  const left = a === undefined ? null : a;
  const right = b === undefined ? null : b;
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    default: {
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      if (op === '>') return left > right;
      if (op === '<') return left < right;
      if (op === '>=') return left >= right;
      return left <= right;
    }
  }
}
