/**
 * Text contrast of a card as Teams draws it: the official `adaptivecards` renderer lays the card
 * out (in happy-dom) with a Teams host config, and every TextBlock, TextRun and fact is measured
 * against the background it sits on (the card's, or its container style's, alpha composited), by
 * the WCAG 2.x contrast ratio.
 *
 * WCAG 1.4.3 asks 4.5:1 of text, 3:1 of large text: at least 18pt (24px), or 14pt (18.66px) bold.
 * In Teams' host configs the largest size a card uses (Large) is 18px at weight 600, which is
 * neither, so every text on our cards must reach 4.5:1; the 3:1 rule is applied only where the
 * rendered size and weight meet it.
 *
 * The host configs: Teams' light and dark ones (published with the Adaptive Cards samples), a
 * high-contrast one built from Fluent UI's `teamsHighContrastTheme` (Teams publishes no host
 * config for its high contrast theme; that theme's tokens are the palette it uses), and the one the
 * Microsoft 365 Agents Playground draws cards with, read from the installed package.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { Window } from 'happy-dom';
import { readOracle } from './cards.js';

const require = createRequire(import.meta.url);

export interface HostTheme {
  name: string;
  config: Record<string, any>;
}

export interface ContrastReading {
  theme: string;
  text: string;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
}

type Rgba = [number, number, number, number];

/** The four themes a card is held to. */
export function teamsThemes(): HostTheme[] {
  themes ??= [
    { name: 'Teams light', config: readOracle('adaptive-cards/microsoft-teams-light.json') },
    { name: 'Teams dark', config: readOracle('adaptive-cards/microsoft-teams-dark.json') },
    { name: 'Teams high contrast', config: highContrastHostConfig() },
    { name: 'Agents Playground', config: playgroundHostConfig() },
  ];
  return themes;
}
let themes: HostTheme[] | undefined;

/**
 * A host config for Teams' high contrast theme from Fluent UI's tokens: text colours from the
 * neutral, brand and status foregrounds, backgrounds from the neutral and status backgrounds.
 */
export function highContrastHostConfig(): Record<string, any> {
  // The themes @fluentui/react-components re-exports, without loading its components.
  const t = require('@fluentui/react-theme').teamsHighContrastTheme as Record<string, string>;
  const colours = {
    default: { default: t.colorNeutralForeground1, subtle: t.colorNeutralForeground2 },
    dark: { default: t.colorNeutralForeground1, subtle: t.colorNeutralForeground2 },
    light: { default: t.colorNeutralForeground1, subtle: t.colorNeutralForeground2 },
    accent: { default: t.colorBrandForeground1, subtle: t.colorBrandForeground2 },
    good: { default: t.colorPaletteGreenForeground1, subtle: t.colorPaletteGreenForeground1 },
    warning: { default: t.colorPaletteYellowForeground1, subtle: t.colorPaletteYellowForeground1 },
    attention: { default: t.colorPaletteRedForeground1, subtle: t.colorPaletteRedForeground1 },
  };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: colours });
  return {
    ...readOracle('adaptive-cards/microsoft-teams-dark.json'),
    containerStyles: {
      default: style(t.colorNeutralBackground1!),
      emphasis: style(t.colorNeutralBackground2!),
      accent: style(t.colorBrandBackground2!),
      good: style(t.colorPaletteGreenBackground1!),
      attention: style(t.colorPaletteRedBackground1!),
      warning: style(t.colorPaletteYellowBackground1!),
    },
  };
}

/**
 * The host config the Agents Playground passes to the renderer, as its bundled web client holds
 * it (a JSON literal beside its card view). Throws when the package no longer has one where it
 * did, so a new playground version is looked at rather than silently skipped.
 */
export function playgroundHostConfig(): Record<string, any> {
  const dir = new URL('../../node_modules/@microsoft/m365agentsplayground/dist/client/static/js/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => /^main\..*\.js$/.test(f))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    const literal = /JSON\.parse\('(\{"choiceSetInputValueSeparator"(?:[^'\\]|\\.)*\})'\)/.exec(source)?.[1];
    if (literal) return JSON.parse(literal.replace(/\\(['\\])/g, '$1'));
  }
  throw new Error('the Agents Playground bundle has no host config literal where 0.2.28 had it');
}

/** WCAG 2.x contrast ratio of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** A CSS colour as the renderer writes it: #rgb, #rrggbb, rgb() or rgba(). */
export function parseCssColour(css: string): Rgba | undefined {
  const value = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).concat(1) as Rgba;
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(value)?.[1];
  if (!fn) return undefined;
  const parts = fn.split(',').map((p) => Number(p.trim()));
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** `top` painted over an opaque `under`. */
function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
}

const hexOf = (c: Rgba) =>
  `#${c
    .slice(0, 3)
    .map((v) => Math.round(v).toString(16).padStart(2, '0'))
    .join('')}`;

let dom: Window | undefined;

function domClasses(window: Window): string[] {
  const names = new Set<string>();
  for (let o: object | null = window; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) if (/^HTML\w*Element$/.test(name)) names.add(name);
  }
  return [...names];
}

/**
 * Renders the card with the theme's host config. The renderer draws with the global `document`,
 * which this process otherwise has none of: one happy-dom window is lent for each (synchronous)
 * render. Markdown is shown as written, as plain text: its colour is the text block's.
 */
export function render(card: object, theme: HostTheme): any {
  const AC = require('adaptivecards/dist/adaptivecards.js');
  AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml?: string; didProcess: boolean }) => {
    result.outputHtml = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    result.didProcess = true;
  };
  dom ??= new Window();
  const g = globalThis as Record<string, unknown>;
  // The document, and the DOM classes the renderer checks elements against (HTMLInputElement, ...).
  const lent = ['document', 'window', 'Node', 'Element', 'Event', 'KeyboardEvent', 'MouseEvent', ...domClasses(dom)];
  const saved = lent.map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  for (const k of lent) g[k] = k === 'window' ? dom : (dom as unknown as Record<string, unknown>)[k];
  try {
    const adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = new AC.HostConfig(theme.config);
    adaptive.parse(structuredClone(card), new AC.SerializationContext(AC.Version.parse('1.5')));
    const root = adaptive.render();
    if (!root) throw new Error('the renderer drew nothing');
    return root;
  } finally {
    for (const [k, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, k, descriptor);
      else delete g[k];
    }
  }
}

/**
 * The colour and background of every text the official renderer draws for the card in that theme,
 * read off the elements it makes. About a tenth of a second a card: the tests hold `contrastReadings`
 * to it on every template, then use that.
 */
export function renderedReadings(card: object, theme: HostTheme): ContrastReading[] {
  const root = render(card, theme);
  const page = parseCssColour(theme.config.containerStyles?.default?.backgroundColor ?? '#ffffff') ?? [255, 255, 255, 1];
  const readings: ContrastReading[] = [];
  // Text blocks (facts are drawn as text blocks too) and the runs of rich text blocks; a rich text
  // block's own element carries no colour.
  for (const element of root.querySelectorAll('.ac-textBlock, .ac-textRun') as any[]) {
    if (element.classList.contains('ac-richTextBlock')) continue;
    const text = String(element.textContent ?? '').trim();
    const colour = element.style.color ? parseCssColour(element.style.color) : undefined;
    if (!text) continue;
    // The cue after a required input's label ("*"): the host's colour (suffixColor), not the
    // card's, hidden from screen readers; the label itself is measured.
    if (element.getAttribute('aria-hidden') === 'true') continue;
    if (!colour) throw new Error(`the renderer drew "${text}" without a colour`);
    // Backgrounds from the card down to the text, each painted over the one beneath.
    const layers: Rgba[] = [];
    for (let node = element; node; node = node.parentElement) {
      const bg = node.style?.backgroundColor ? parseCssColour(node.style.backgroundColor) : undefined;
      if (bg) layers.unshift(bg);
    }
    const background = layers.reduce((under, layer) => over(layer, under), page);
    const foreground = over(colour, background);
    readings.push(reading(theme, text, foreground, background, parseFloat(element.style.fontSize || '14'), parseInt(element.style.fontWeight || '400', 10)));
  }
  return readings;
}

function reading(theme: HostTheme, text: string, foreground: Rgba, background: Rgba, px: number, weight: number): ContrastReading {
  const large = px >= 24 || (px >= 18.66 && weight >= 700);
  return {
    theme: theme.name,
    text: text.length > 60 ? `${text.slice(0, 57)}...` : text,
    foreground: hexOf(foreground),
    background: hexOf(background),
    ratio: Math.round(contrastRatio(foreground, background) * 100) / 100,
    required: large ? 3 : 4.5,
  };
}

/** A host config colour: #RRGGBB, or #AARRGGBB with the alpha first (as the renderer reads it). */
function hostColour(value: string | undefined): Rgba | undefined {
  const argb = /^#([0-9a-f]{2})([0-9a-f]{6})$/i.exec(value ?? '');
  if (argb) return [...parseCssColour(`#${argb[2]}`)!.slice(0, 3), parseInt(argb[1]!, 16) / 255] as Rgba;
  return value ? parseCssColour(value) : undefined;
}

interface TextLook {
  color?: string;
  isSubtle?: boolean;
  size?: string;
  weight?: string;
}

/**
 * The colour and background of every text on the card in that theme, worked out from the host
 * config by the renderer's rules: a text's colour, subtlety, size and weight are its own or its
 * text style's (heading, facts, input labels), its colours those of the nearest container style,
 * and each styled container is painted over the one around it.
 */
export function contrastReadings(card: object, theme: HostTheme): ContrastReading[] {
  const config = theme.config;
  const styles = config.containerStyles ?? {};
  const fonts = config.fontTypes?.default ?? config;
  const readings: ContrastReading[] = [];
  const page = hostColour(styles.default?.backgroundColor) ?? ([255, 255, 255, 1] as Rgba);
  const heading = { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, ...config.textStyles?.heading };

  const text = (value: unknown, look: TextLook, style: string, background: Rgba) => {
    const words = String(value ?? '').trim();
    if (!words) return;
    const set = styles[style]?.foregroundColors ?? styles.default?.foregroundColors ?? {};
    const colourSet = set[String(look.color ?? 'default').toLowerCase()] ?? set.default ?? {};
    const colour = hostColour(look.isSubtle ? colourSet.subtle : colourSet.default);
    if (!colour) throw new Error(`${theme.name} has no colour for "${words}"`);
    const px = Number(fonts.fontSizes?.[sizeKey(look.size)] ?? 14);
    const weight = Number(fonts.fontWeights?.[String(look.weight ?? 'default').toLowerCase()] ?? 400);
    readings.push(reading(theme, words, over(colour, background), background, px, weight));
  };

  const visit = (node: any, style: string, background: Rgba): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, style, background));
    if (!node || typeof node !== 'object') return;
    let inner = style;
    let under = background;
    const own = typeof node.style === 'string' ? node.style.toLowerCase() : undefined;
    if (['Container', 'Column', 'ColumnSet', 'TableCell'].includes(node.type) && own && styles[own] && own !== style) {
      inner = own;
      under = over(hostColour(styles[own].backgroundColor) ?? [0, 0, 0, 0], background);
    }
    switch (node.type) {
      case 'TextBlock': {
        const base = node.style === 'heading' ? heading : {};
        return text(node.text, { ...base, ...definedOf(node) }, inner, under);
      }
      case 'RichTextBlock':
        for (const inline of node.inlines ?? [])
          text(typeof inline === 'string' ? inline : inline.text, typeof inline === 'string' ? {} : definedOf(inline), inner, under);
        return;
      case 'FactSet':
        for (const fact of node.facts ?? []) {
          text(fact.title, { weight: 'bolder', ...config.factSet?.title }, inner, under);
          text(fact.value, { ...config.factSet?.value }, inner, under);
        }
        return;
    }
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.label) {
      text(node.label, { ...config.inputs?.label?.[node.isRequired ? 'requiredInputs' : 'optionalInputs'] }, inner, under);
    }
    for (const key of ['body', 'items', 'columns', 'rows', 'cells']) if (key in node) visit(node[key], inner, under);
  };
  visit((card as any).body, 'default', page);
  return readings;
}

function definedOf(node: Record<string, unknown>): TextLook {
  const look: TextLook = {};
  for (const key of ['color', 'isSubtle', 'size', 'weight'] as const) if (node[key] !== undefined) (look as Record<string, unknown>)[key] = node[key];
  return look;
}

function sizeKey(size: string | undefined): string {
  const s = String(size ?? 'default').toLowerCase();
  return s === 'extralarge' ? 'extraLarge' : s;
}

/** Every text on the card that falls short of WCAG AA in any of the themes; empty when all pass. */
export function contrastProblems(card: object, themesToCheck: HostTheme[] = teamsThemes()): string[] {
  return themesToCheck.flatMap((theme) =>
    contrastReadings(card, theme)
      .filter((r) => r.ratio < r.required)
      .map((r) => `contrast: ${r.theme}: "${r.text}" is ${r.foreground} on ${r.background}, ${r.ratio}:1 (needs ${r.required}:1)`),
  );
}
