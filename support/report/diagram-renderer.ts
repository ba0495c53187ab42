/**
 * Renders Mermaid diagrams to self-contained SVG in the worker's headless Chromium (the one the
 * browser scenarios drive, support/clients/browser.ts), with the mermaid package installed in
 * node_modules: nothing is fetched, and the report needs no script to show the picture.
 * One tab per worker, opened on first use and kept: each diagram after the first costs only
 * Mermaid's layout (tens of milliseconds).
 */
import type { Page } from 'playwright-core';
import { sharedBrowser } from '../clients/browser';

let tab: Promise<Page> | undefined;
let rendered = 0;

async function openTab(): Promise<Page> {
  const { browser } = await sharedBrowser();
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  await page.evaluate(() => {
    const mermaid = (globalThis as unknown as { mermaid: { initialize(config: object): void } }).mermaid;
    // strict: labels are text, never HTML; the topics and payloads drawn come from the scenario.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', sequence: { mirrorActors: true, messageFontSize: 13, wrap: false } });
  });
  return page;
}

/** The diagram as an SVG document, sized by its own viewBox so that an <img> shows it 1:1. */
export async function renderSvg(definition: string): Promise<string> {
  tab ??= openTab();
  tab.catch(() => (tab = undefined));
  const page = await tab;
  const svg = await page.evaluate(
    async ([id, text]) => {
      const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      return (await mermaid.render(id, text)).svg;
    },
    [`diagram-${++rendered}`, definition] as const,
  );
  return withIntrinsicSize(svg);
}

/** Mermaid writes width="100%" and a max-width style; an image needs its real width and height. */
function withIntrinsicSize(svg: string): string {
  const viewBox = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!viewBox) return svg;
  const [width, height] = [Math.ceil(Number(viewBox[3])), Math.ceil(Number(viewBox[4]))];
  return svg.replace(/<svg([^>]*?) width="100%"/, `<svg$1 width="${width}" height="${height}"`).replace(/ style="max-width: [\d.]+px;?"/, '');
}

/** Closes the tab (the browser itself is closed with the worker's other browser use). */
export async function closeRenderer(): Promise<void> {
  const open = tab;
  tab = undefined;
  await (await open?.catch(() => undefined))?.close().catch(() => undefined);
}
