/**
 * A card drawn in headless Chromium by the official `adaptivecards` renderer with a Teams host
 * config, at a phone's width, so its layout can be measured and photographed as a browser lays it
 * out (happy-dom, in contrast.ts, draws the elements but lays nothing out).
 *
 * The buttons are styled as the Agents Playground's web chat styles them (white, a 1px border,
 * semibold, 10px padding): the renderer leaves a button's look to its host. The Playground itself
 * cannot show a phone's width: it draws every card 446px wide, and its log panel covers the chat
 * below about 700px.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** How wide the card and each part of it were drawn, and what did not fit. */
export interface CardLayout {
  /** The card's own width. */
  width: number;
  /** Each element wider than the card's box, or whose content is wider than itself. */
  overflowing: string[];
  /** Buttons whose title was cut short with an ellipsis. */
  truncated: string[];
  /** The titles of the buttons drawn, by action set. */
  actionSets: string[][];
}

const HOST_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', system-ui, sans-serif; }
  #card { margin: 0; }
  .ac-pushButton {
    appearance: none; background: #fff; border: 1px solid #d1d1d1; border-radius: 4px;
    color: #242424; font-family: inherit; font-size: 14px; font-weight: 600; padding: 10px; cursor: pointer;
  }
`;

/** Opens a blank page `width` pixels wide holding the renderer, ready for drawCard. */
export async function cardPage(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${HOST_CSS}</style></head><body><div id="card"></div></body></html>`);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  // The tests run through tsx, whose compiler keeps function names by wrapping named functions in
  // a `__name` helper; the functions passed to page.evaluate call it, and the page has none.
  await page.addScriptTag({ content: 'window.__name = (fn) => fn;' });
}

/** Draws the card into the page with the host config, and measures it. */
export async function drawCard(page: Page, card: object, hostConfig: object): Promise<CardLayout> {
  return page.evaluate(
    ([card, hostConfig]) => {
      const AC = (window as any).AdaptiveCards;
      // Markdown is shown as written: the layout is what is measured, and the links' text is as wide.
      AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml?: string; didProcess: boolean }) => {
        result.outputHtml = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
        result.didProcess = true;
      };
      const adaptive = new AC.AdaptiveCard();
      adaptive.hostConfig = new AC.HostConfig(hostConfig);
      adaptive.parse(card, new AC.SerializationContext(AC.Version.parse('1.5')));
      const root = adaptive.render() as HTMLElement;
      const holder = document.getElementById('card')!;
      holder.replaceChildren(root);

      const name = (el: Element) => {
        const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
        return `${el.className || el.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`;
      };
      const width = root.getBoundingClientRect().width;
      const right = root.getBoundingClientRect().right;
      const overflowing: string[] = [];
      if (root.scrollWidth > root.clientWidth) overflowing.push(`the card: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > right + 0.5)
          overflowing.push(`${name(el)} ends at ${Math.round(box.right)}px, past the card's ${Math.round(right)}px`);
      }
      const sets = [...root.querySelectorAll('.ac-actionSet')] as HTMLElement[];
      for (const set of sets) {
        if (set.scrollWidth > set.clientWidth) overflowing.push(`action set ${name(set)}: ${set.scrollWidth}px of buttons in ${set.clientWidth}px`);
      }
      const truncated = ([...root.querySelectorAll('.ac-pushButton')] as HTMLElement[])
        .filter((button) => [...button.querySelectorAll('div')].some((d) => d.scrollWidth > d.clientWidth))
        .map((button) => button.getAttribute('aria-label') ?? button.textContent ?? '');
      const actionSets = sets.map((set) =>
        [...set.querySelectorAll('.ac-pushButton')].map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
      );
      return { width, overflowing, truncated, actionSets };
    },
    [card, hostConfig] as const,
  );
}
