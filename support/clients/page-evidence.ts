/**
 * What the report shows of a scenario's browser tabs (lab 11): a screenshot of each, taken
 * once, at the scenario's last step or the step that failed (the moment the report is about,
 * before the teardown removes the broker under the page), and on failure each browser console.
 * Only types of the browser machinery are imported: nothing here loads Chromium.
 */
import type { LabWorld } from '../world/world';

/** Attaches a screenshot of every open page, once per scenario. */
export async function attachScreenshots(world: LabWorld): Promise<void> {
  if (world.pagesPhotographed) return;
  world.pagesPhotographed = true;
  for (const page of world.pages.values()) {
    const png = await page.screenshot();
    if (png) world.attach(png, 'image/png');
  }
}

/** Attaches what each page logged to its console, for a failed scenario. */
export function attachPageConsoles(world: LabWorld): void {
  for (const page of world.pages.values()) {
    world.attach(page.console.join('\n') || '(nothing logged)', { mediaType: 'text/plain', fileName: `browser console of ${page.name}.txt` });
  }
}
