/**
 * Adaptive Card templates, compiled once. The official templating SDK (adaptivecards-templating)
 * re-parses every `${...}` expression with an ANTLR grammar on every expansion, which costs more
 * than the rest of a bot turn put together. The cards here use a small, regular part of the
 * templating language, so each template is compiled once, for exactly that part, into a
 * JavaScript function that builds the card as object literals:
 *
 *   - `"${path}"` (a whole string): the value, whatever its type; `"a ${path} b"`: interpolation;
 *   - `$data` (an array repeats the element, an object or value becomes its scope, `$index`,
 *     `$root`) and `$when` (the element stays only when the expression is `true`). Outside an
 *     array, as in the SDK, an element that vanishes is null, and a repeated one is its one item
 *     when one stays;
 *   - expressions: a property path, `string(path)`, `count(path)`, and one comparison
 *     (`== != > < >= <=`) against a path, a quoted string, a number, `null`, `true` or `false`.
 *
 * Other expressions, arrays directly inside arrays, `${...}` strings as array elements and the
 * SDK's reserved keys are refused when the template is compiled. A few edges of the supported part
 * still differ from the SDK, and the cards stay clear of them: comparing objects (identity here,
 * deep in the SDK), `<` and `>` on strings (no result here), an object inside a longer text (JSON
 * here) and a `$data` path with no value. The tests hold every card the bot ships to the SDK's output.
 *
 * The generated code is made only from the template's structure: every key, text and path in it
 * is written as a JSON string literal, and expressions are parsed into the few forms above before
 * any code is written, so nothing in a template (or in the data) can become code.
 */

/** Marks an element that `$when` removed, for the array (or `single`) that holds it to drop. */
const OMIT = Symbol('omit');

/** The helpers the generated code calls: the templating language's rules, in one place. */
const runtime = {
  OMIT,
  /** One step of a property path: only the object's own properties, as the SDK reads them. */
  p(value: unknown, key: string): unknown {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  },
  /** A whole-string expression: as the SDK does, one with no value leaves its text in place. */
  whole(value: unknown, text: string): unknown {
    return value === undefined ? text : value;
  },
  /** One `${...}` inside a longer text. */
  text(value: unknown, source: string, where: string): string {
    if (value === undefined) return source;
    if (value === null) throw new TemplateError(where, `${source} is null inside a text`);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  },
  str(value: unknown): string | undefined {
    return value === undefined || value === null ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);
  },
  count(value: unknown): number | undefined {
    return Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
  },
  /** Comparisons as adaptive-expressions makes them: a missing value counts as null. */
  eq(a: unknown, b: unknown): boolean {
    return (a === undefined ? null : a) === (b === undefined ? null : b);
  },
  ne(a: unknown, b: unknown): boolean {
    return (a === undefined ? null : a) !== (b === undefined ? null : b);
  },
  gt: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a > b : undefined),
  lt: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a < b : undefined),
  ge: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a >= b : undefined),
  le: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a <= b : undefined),
  /**
   * A `$data` element outside an array, as the SDK makes it: the one scope's element, or for an
   * array the items that stay, as one element when one stays and null when none does.
   */
  single(data: unknown, build: Builder, index: unknown, root: unknown): unknown {
    if (!Array.isArray(data)) {
      const v = build(data ?? null, index, root);
      return v === OMIT ? null : v;
    }
    const items: unknown[] = [];
    for (let k = 0; k < data.length; k++) {
      const v = build(data[k], k, root);
      if (v !== OMIT) items.push(v);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : items;
  },
};

/** A generated function: an element built in the scope of `d` (its data), `i` ($index) and `r` ($root). */
type Builder = (d: unknown, i: unknown, r: unknown) => unknown;

/** Compiles a template (a JSON value) into a function from the data to the expanded JSON. */
export function compileTemplate(template: unknown): (data: unknown) => unknown {
  const generator = new Generator();
  const body = generator.value(template, '$');
  const source = `"use strict";\n${generator.functions.join('\n')}\nreturn function expand(r) {\n  const d = r, i = undefined;\n  return ${body};\n};`;
  return new Function('rt', source)(runtime) as (data: unknown) => unknown;
}

export class TemplateError extends Error {
  constructor(where: string, message: string) {
    super(`card template ${where}: ${message}`);
    this.name = 'TemplateError';
  }
}

const WHOLE = /^\$\{([^{}]*)\}$/;
const RESERVED = new Set(['$root', '$index', '$host']);
const PART = /\$\{([^{}]*)\}/g;
const literal = (value: unknown): string => JSON.stringify(value);

/**
 * Writes the code. Every expression it returns is evaluated where `d`, `i` and `r` are the scope;
 * an element with its own `$data` is built by a function of its own, called with the new scope.
 */
class Generator {
  readonly functions: string[] = [];

  /** An expression for a template value. */
  value(value: unknown, where: string): string {
    if (typeof value === 'string') return this.string(value, where);
    if (Array.isArray(value)) return this.array(value, where);
    if (value !== null && typeof value === 'object') return this.object(value as Record<string, unknown>, where);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TemplateError(where, 'a number must be finite');
    return literal(value);
  }

  private string(text: string, where: string): string {
    if (!text.includes('${')) return literal(text);
    const whole = WHOLE.exec(text);
    if (whole) return `rt.whole(${expression(whole[1]!, where)}, ${literal(text)})`;
    const pieces: string[] = [];
    let last = 0;
    for (const match of text.matchAll(PART)) {
      if (match.index! > last) pieces.push(literal(text.slice(last, match.index)));
      pieces.push(`rt.text(${expression(match[1]!, where)}, ${literal(match[0])}, ${literal(where)})`);
      last = match.index! + match[0].length;
    }
    if (last < text.length) pieces.push(literal(text.slice(last)));
    return `(${pieces.join(' + ')})`;
  }

  private array(items: unknown[], where: string): string {
    // The SDK splices an array's arrays into it; cards never need that, so it is refused.
    const inner = items.findIndex(Array.isArray);
    if (inner >= 0) throw new TemplateError(`${where}[${inner}]`, 'an array may not hold an array');
    // Likewise a "${...}" element: the SDK splices in an array it stands for and drops a null.
    const bound = items.findIndex((item) => typeof item === 'string' && item.includes('${'));
    if (bound >= 0) throw new TemplateError(`${where}[${bound}]`, 'an array element may not be a ${...} text');
    if (!items.some(omittable)) return `[${items.map((item, n) => this.value(item, `${where}[${n}]`)).join(', ')}]`;
    // Elements that may vanish or repeat: a function pushes what each one makes, in order.
    const statements = items.map((item, n) => {
      const at = `${where}[${n}]`;
      if (!omittable(item)) return `o.push(${this.value(item, at)});`;
      const object = item as Record<string, unknown>;
      if (object.$data === undefined) return `if (${this.when(object, at)} === true) o.push(${this.fields(object, at)});`;
      const build = this.builder(object, at);
      const keep = object.$when === undefined ? 'o.push(v);' : 'if (v !== rt.OMIT) o.push(v);';
      // An element whose $data is an array stands for one element per item, spliced in place.
      return `{ const x = ${binding(object.$data, `${at}.$data`)};
    if (Array.isArray(x)) { for (let k = 0; k < x.length; k++) { const v = ${build}(x[k], k, r); ${keep} } }
    else { const v = ${build}(x ?? null, i, r); ${keep} } }`;
    });
    return this.hoist(`const o = [];\n  ${statements.join('\n  ')}\n  return o;`);
  }

  /** An element outside an array: as in the SDK, one that `$when` removes is null. */
  private object(object: Record<string, unknown>, where: string): string {
    if (object.$data !== undefined) return `rt.single(${binding(object.$data, `${where}.$data`)}, ${this.builder(object, where)}, i, r)`;
    if (object.$when !== undefined) return `(${this.when(object, where)} === true ? ${this.fields(object, where)} : null)`;
    return this.fields(object, where);
  }

  /** The element itself, without its `$data` and `$when`. */
  private fields(object: Record<string, unknown>, where: string): string {
    const entries = Object.entries(object).filter(([key]) => key !== '$data' && key !== '$when');
    for (const [key] of entries) {
      if (key === '__proto__') throw new TemplateError(where, 'a key may not be __proto__');
      // The SDK drops these from its output; a card has no use for them.
      if (RESERVED.has(key)) throw new TemplateError(where, `${key} is reserved by the templating language`);
    }
    return `{ ${entries.map(([key, value]) => `${literal(key)}: ${this.value(value, `${where}.${key}`)}`).join(', ')} }`;
  }

  /** A function that builds an element with `$data` in the scope it is given, or omits it. */
  private builder(object: Record<string, unknown>, where: string): string {
    const name = `f${this.functions.length}`;
    this.functions.push(''); // reserve the name before the fields add functions of their own
    const guard = object.$when === undefined ? '' : `if (${this.when(object, where)} !== true) return rt.OMIT;\n  `;
    this.functions[Number(name.slice(1))] = `function ${name}(d, i, r) {\n  ${guard}return ${this.fields(object, where)};\n}`;
    return name;
  }

  private when(object: Record<string, unknown>, where: string): string {
    return binding(object.$when, `${where}.$when`);
  }

  /** Code that needs statements becomes a function of the scope, called where it stands. */
  private hoist(body: string): string {
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(d, i, r) {\n  ${body}\n}`);
    return `${name}(d, i, r)`;
  }
}

/** An object element that `$when` may remove or `$data` may repeat. */
function omittable(item: unknown): boolean {
  return item !== null && typeof item === 'object' && !Array.isArray(item) && ('$data' in item || '$when' in item);
}

/** `$data` and `$when` hold one `${...}` expression. */
function binding(text: unknown, where: string): string {
  if (typeof text !== 'string') throw new TemplateError(where, 'must be an expression');
  const whole = WHOLE.exec(text);
  if (!whole) throw new TemplateError(where, `expected one \${...} expression, found ${JSON.stringify(text)}`);
  return expression(whole[1]!, where);
}

const COMPARISON = /^(.+?)\s*(==|!=|>=|<=|>|<)\s*(.+)$/;
const CALL = /^(string|count)\((.+)\)$/;
const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COMPARE: Record<string, string> = { '==': 'rt.eq', '!=': 'rt.ne', '>': 'rt.gt', '<': 'rt.lt', '>=': 'rt.ge', '<=': 'rt.le' };

function expression(source: string, where: string): string {
  const text = source.trim();
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const left = operand(comparison[1]!, where);
    const right = operand(comparison[3]!, where);
    const op = comparison[2]!;
    return `${COMPARE[op]}(${left}, ${right})`;
  }
  return operand(text, where);
}

function operand(source: string, where: string): string {
  const text = source.trim();
  const call = CALL.exec(text);
  if (call) return `rt.${call[1] === 'string' ? 'str' : 'count'}(${operand(call[2]!, where)})`;
  if (/^'[^']*'$/.test(text)) return literal(text.slice(1, -1));
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    if (!Number.isFinite(number)) throw new TemplateError(where, `the number ${text.slice(0, 20)}... is too large`);
    return literal(number);
  }
  if (text === 'null' || text === 'true' || text === 'false') return text;
  if (PATH.test(text)) return path(text);
  throw new TemplateError(where, `unsupported expression ${JSON.stringify(source)}`);
}

function path(text: string): string {
  const [head, ...rest] = text.split('.');
  let code = head === '$root' ? 'r' : head === '$data' ? 'd' : head === '$index' ? 'i' : `rt.p(d, ${literal(head)})`;
  for (const key of rest) code = `rt.p(${code}, ${literal(key)})`;
  return code;
}
