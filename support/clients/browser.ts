/**
 * A real browser for lab 11: one headless Chromium per worker process, started on first use,
 * and a fresh context (cookies, storage) and tab per scenario. A BrowserDashboard is the lab's
 * page in one tab, driven the way a person uses it: it reads what the page shows and clicks
 * its buttons; the page's own MQTT.js client does the MQTT.
 */
import type { Browser, ConsoleMessage, Page, Request, WebSocket } from 'playwright-core';
import { findChromium } from './chromium';
import { PROMPTLY_MS } from '../sync/waiting';

/**
 * As root on a machine without network: no sandbox, no GPU, no background traffic. And no
 * auto-reload: Chromium's error page reloads a load cut by ERR_NETWORK_CHANGED by itself, which
 * would race with our own next try (see BrowserDashboard.load).
 */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-auto-reload'];

export interface BrowserLaunch {
  browser: Browser;
  version: string;
  executable: string;
  launchMs: number;
}

/** One browser per set of extra launch arguments (most scenarios use none). */
const launches = new Map<string, Promise<BrowserLaunch>>();

/**
 * The worker's browser, launched once (the first call pays ~1 s, the others nothing).
 * `extraArgs` gives a second browser with, for example, a trusted certificate key (lab 13).
 */
export function sharedBrowser(extraArgs: string[] = []): Promise<BrowserLaunch> {
  const key = extraArgs.join(' ');
  let launching = launches.get(key);
  if (!launching) {
    launching = (async () => {
      const executable = findChromium();
      // Loaded here, not at the top: only runs with browser scenarios pay for playwright-core.
      const { chromium } = await import('playwright-core');
      const started = Date.now();
      const browser = await chromium.launch({ executablePath: executable, args: [...LAUNCH_ARGS, ...extraArgs], timeout: 20_000 });
      return { browser, version: browser.version(), executable, launchMs: Date.now() - started };
    })();
    launching.catch(() => launches.delete(key));
    launches.set(key, launching);
  }
  return launching;
}

export async function closeSharedBrowser(): Promise<void> {
  const all = [...launches.values()];
  launches.clear();
  await Promise.all(all.map(async (l) => (await l.catch(() => undefined))?.browser.close()));
}

/**
 * What netErrorShown says when Chromium's error page took over a load but names no error: the
 * load failed below HTTP (an HTTP answer would have been a response), as the transient ones do.
 */
const UNNAMED_NET_ERROR = 'an error page that names no ERR_ code';
/** Connection-level failures worth one more try (see BrowserDashboard.load). */
const TRANSIENT_NETWORK_ERROR = new RegExp(`ERR_(NETWORK_CHANGED|CONNECTION_RESET|EMPTY_RESPONSE|CONNECTION_CLOSED|SOCKET_NOT_CONNECTED)|${UNNAMED_NET_ERROR}`);
/**
 * All tries of one load start within this time (the step has 30 s), at most MAX_LOAD_TRIES
 * of them; the first try alone may use up to 10 s for the page and 15 s for its MQTT connection.
 */
const LOAD_DEADLINE_MS = 20_000;
const MAX_LOAD_TRIES = 8;

/** What the page shows in its "Received" list. */
export interface ShownMessage {
  topic: string;
  payload: string;
  retained: boolean;
}

/**
 * The lab 11 dashboard (labs/lab11/index.html) in a browser tab. Like a LabClient it has a
 * name, publishes, and is waited on for messages; unlike one, it only knows what the page shows.
 */
export class BrowserDashboard {
  readonly console: string[] = [];
  /** Taken just before the tab closes, so a closed tab still has a picture for the report. */
  lastScreenshot?: Buffer;
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly page: Page,
  ) {
    page.on('console', (m: ConsoleMessage) => this.console.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e: Error) => this.console.push(`[uncaught] ${e.message}`));
  }

  /** A new tab in a fresh context (no cookies, no storage), not showing anything yet. */
  static async create(name: string, launchArgs: string[] = []): Promise<BrowserDashboard> {
    const { browser } = await sharedBrowser(launchArgs);
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    return new BrowserDashboard(name, await context.newPage());
  }

  /**
   * Loads the page and waits until its client is connected (and subscribed to `filter`).
   * Returns what cut the tries before the one that worked (none when the first one did).
   *
   * Chromium watches the machine's network interfaces, and every container or network Docker
   * starts or removes adds or drops one. Chromium then aborts the connections it is still setting
   * up with ERR_NETWORK_CHANGED (a known Chromium behaviour on Docker hosts, with no switch to
   * turn it off). Plain HTTP loads are rarely caught; HTTPS ones are (probably since the TLS
   * handshake keeps the connection "being set up" longer): a probe of 60 HTTPS loads of a local
   * page while two loops created and removed Docker networks lost 6 (0 of 60 plain ones). The
   * other workers of a run start containers all the time, so lab 13's HTTPS page met this in CI;
   * beside a loop of labs 9 and 16 it needed 3 or 4 tries in 4 of 6 runs (its report says so).
   * Chromium's first connections to a just-started broker were also reset now and then on a busy
   * machine (ERR_CONNECTION_RESET, ERR_EMPTY_RESPONSE, ERR_CONNECTION_CLOSED, or an error page
   * that named no code), which neither curl nor Node's http showed. So a load that failed at the
   * connection level is tried again, up to MAX_LOAD_TRIES times within LOAD_DEADLINE_MS; each
   * retry is written to the browser console that the report shows on failure, and a load that
   * needed more than one try says so in the report (openDashboard). A listener that
   * really hangs up fails every try; an HTTP answer (404, ...) or any other failure fails at once.
   */
  async load(pageUrl: string, filter?: string): Promise<string[]> {
    const url = new URL(pageUrl);
    url.searchParams.set('name', this.name.replace(/\W+/g, '-'));
    if (filter) url.searchParams.set('subscribe', filter);
    const deadline = Date.now() + LOAD_DEADLINE_MS;
    const earlierTries: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const consoleFrom = this.console.length;
      try {
        await this.loadOnce(url, deadline, filter);
        return earlierTries;
      } catch (error) {
        const lines = [(error as Error).message, ...this.console.slice(consoleFrom)];
        const transient = lines.map((line) => TRANSIENT_NETWORK_ERROR.exec(line)?.[0]).find(Boolean);
        if (earlierTries.length > 0) (error as Error).message += ` (${describeTries(earlierTries, transient)})`;
        if (!transient || attempt === MAX_LOAD_TRIES || deadline - Date.now() < 1_000) throw error;
        earlierTries.push(transient);
        this.console.push(`[lab] try ${attempt} failed with ${transient}: loading the page again`);
        // Chromium shows its error page for the failed load (chrome-error://chromewebdata/)
        // just after goto() gave up; a new load started before that would be cut short by it.
        await this.page.waitForURL((u) => u.protocol === 'chrome-error:', { timeout: 2_000, waitUntil: 'commit' }).catch(() => undefined);
      }
    }
  }

  private async loadOnce(url: URL, deadline: number, filter?: string): Promise<void> {
    const left = (most: number) => Math.max(1, Math.min(most, deadline - Date.now()));
    // The page's scripts (dashboard.js, mqtt.min.js) and its WebSocket can be cut like the page
    // itself; a page without its MQTT client would only sit at "connecting", so say so at once.
    // The first cut settles it; later ones change nothing.
    let noteCut: (what: string) => void = () => undefined;
    const whenCut = new Promise<never>((_, reject) => (noteCut = (what) => reject(new Error(`The dashboard page loaded, but not all of it: ${what}`))));
    whenCut.catch(() => undefined); // only awaited through the races below
    const onRequestFailed = (request: Request) => noteCut(`${new URL(request.url()).pathname}: ${request.failure()?.errorText ?? 'failed'}`);
    const onWebSocket = (socket: WebSocket) => socket.on('socketerror', (error) => noteCut(`its WebSocket: ${error}`));
    this.page.on('requestfailed', onRequestFailed);
    this.page.on('websocket', onWebSocket);
    try {
      const response = await this.page.goto(url.toString(), { timeout: left(10_000) }).catch(async (error: Error) => {
        // ERR_EMPTY_RESPONSE: the port hung up on HTTP, as a plain MQTT listener does.
        throw new Error(`The broker did not serve the dashboard page at ${url.pathname}: ${error.message.split('\n')[0]}${await this.netErrorShown(error.message)}`);
      });
      if (!response?.ok()) throw new Error(`The broker did not serve the dashboard page at ${url.pathname}: HTTP ${response?.status() ?? 'no answer'}`);
      await Promise.race([this.waitUntilConnected(left(15_000)), whenCut]);
      if (filter) await Promise.race([this.page.locator('#filter[data-subscribed="true"]').waitFor({ timeout: PROMPTLY_MS }), whenCut]);
    } finally {
      this.page.off('requestfailed', onRequestFailed);
      this.page.off('websocket', onWebSocket);
    }
  }

  /**
   * Sometimes Chromium reports a failed load only as "interrupted by another navigation to
   * chrome-error://chromewebdata/": its own error page took over. That page names the network
   * error (ERR_NETWORK_CHANGED, ...), which says whether another try makes sense. Its script
   * fills in the code (the element .error-code) after the page commits, so wait for that; a
   * page that still names none counts as a failure below HTTP (CI met one on a busy machine,
   * 2026-12-06, on lab 13's HTTPS page, whose broker logged nothing wrong; under Docker network
   * churn such a page came only after tries cut by ERR_NETWORK_CHANGED).
   */
  private async netErrorShown(message: string): Promise<string> {
    if (!message.includes('chrome-error://')) return '';
    if (!this.page.url().startsWith('chrome-error://')) {
      await this.page.waitForURL(/^chrome-error:/, { timeout: 2_000 }).catch(() => undefined);
    }
    if (!this.page.url().startsWith('chrome-error://')) return '';
    const codeShown = await this.page.locator('.error-code').textContent({ timeout: 2_000 }).catch(() => null);
    const text = codeShown ?? (await this.page.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
    return ` (Chromium's error page: ${/ERR_[A-Z_]+/.exec(text)?.[0] ?? UNNAMED_NET_ERROR})`;
  }

  get url(): string {
    return this.page.url();
  }

  /** The MQTT client id the page chose (it shows it). */
  async clientId(): Promise<string> {
    return (await this.page.locator('#client-id').textContent()) ?? '';
  }

  /** The status line: connecting, connected, disconnected or "error: ...". */
  async status(): Promise<string> {
    return (await this.page.locator('#status').textContent()) ?? '';
  }

  /** Waits for "connected"; fails as soon as the page reports an error or a closed connection. */
  async waitUntilConnected(timeoutMs = 15_000): Promise<void> {
    try {
      await this.page.locator('#status:is([data-state="connected"], [data-state="error"], [data-state="disconnected"])').waitFor({ timeout: timeoutMs });
    } catch {
      // fall through: the status below says where it got stuck
    }
    const state = await this.page.locator('#status').getAttribute('data-state');
    if (state !== 'connected') throw new Error(`${this.name}'s page did not connect to the broker; its status says "${await this.status()}"`);
  }

  async waitUntilDisconnected(timeoutMs = PROMPTLY_MS): Promise<void> {
    await this.page.locator('#status[data-state="disconnected"]').waitFor({ timeout: timeoutMs });
  }

  /** Every message line on the page, in the order they arrived. */
  async shownMessages(): Promise<ShownMessage[]> {
    return this.page.locator('#messages li').evaluateAll((items) =>
      items.map((li) => {
        const data = (li as HTMLElement).dataset;
        return { topic: data.topic ?? '', payload: data.payload ?? '', retained: data.retained === 'true' };
      }),
    );
  }

  /** Waits until the page shows this payload on this topic, and returns the line. */
  async waitForShown(topic: string, payload: string, timeoutMs = PROMPTLY_MS): Promise<ShownMessage> {
    const line = this.page.locator(`#messages li[data-topic="${cssEscape(topic)}"][data-payload="${cssEscape(payload)}"]`).first();
    try {
      await line.waitFor({ timeout: timeoutMs });
    } catch {
      const shown = (await this.shownMessages()).map((m) => `${m.topic}: ${m.payload}`);
      throw new Error(`${this.name}'s page did not show "${payload}" on ${topic} within ${timeoutMs} ms; it shows [${shown.join(', ')}]`);
    }
    return { topic, payload, retained: (await line.getAttribute('data-retained')) === 'true' };
  }

  /** Types topic and payload into the form, presses Publish, and waits for the broker's PUBACK. */
  async publish(topic: string, payload: string): Promise<void> {
    await this.page.fill('#topic', topic);
    await this.page.fill('#payload', payload);
    await this.page.click('#publish');
    const sent = this.page.locator(`#sent li[data-topic="${cssEscape(topic)}"][data-payload="${cssEscape(payload)}"]`).first();
    await sent.waitFor({ timeout: PROMPTLY_MS });
    const acknowledged = await sent.getAttribute('data-acknowledged');
    if (acknowledged !== 'true') throw new Error(`${this.name}'s page could not publish "${payload}" to ${topic}: ${await sent.textContent()}`);
  }

  /** Presses Disconnect: the page's client sends DISCONNECT. */
  async disconnect(): Promise<void> {
    await this.page.click('#disconnect');
    await this.waitUntilDisconnected();
  }

  /**
   * The page's PINGREQ round trip (see dashboard.js): part of the absence barrier. A page that
   * is not connected shows nothing either, which proves nothing, and its PINGREQ is never
   * answered: so this fails at once, with the page's status, instead of waiting for a PINGRESP.
   */
  async roundTrip(): Promise<void> {
    if (this.closed) throw new Error(`${this.name}'s tab is closed, so "its page shows nothing" proves nothing`);
    const state = await this.page.locator('#status').getAttribute('data-state');
    if (state !== 'connected') {
      throw new Error(`${this.name}'s page is not connected (its status says "${await this.status()}"), so "it shows nothing" proves nothing`);
    }
    const answered = this.page.evaluate(() => (window as unknown as { labDashboard: { roundTrip(): Promise<void> } }).labDashboard.roundTrip());
    await withinPromptly(answered, `${this.name}'s page got no PINGRESP within ${PROMPTLY_MS} ms (its status says "${await this.status()}")`);
  }

  async screenshot(): Promise<Buffer | undefined> {
    if (this.closed) return this.lastScreenshot;
    return this.page.screenshot({ fullPage: true, timeout: 5_000 }).catch(() => this.lastScreenshot);
  }

  /** Closes the tab as a person does: the page gets no chance to say goodbye over MQTT. */
  async closeTab(): Promise<void> {
    if (this.closed) return;
    this.lastScreenshot = await this.screenshot();
    this.closed = true;
    await this.page.close();
    await this.page.context().close();
  }

  /** End of the scenario: close whatever is left, never failing the clean-up. */
  async dispose(): Promise<void> {
    this.closed = true;
    await this.page.context().close().catch(() => undefined);
  }
}

/** "so did the 7 tries before", or which error each earlier try met. */
function describeTries(earlier: string[], last: string | undefined): string {
  const tries = earlier.length === 1 ? 'the try' : `the ${earlier.length} tries`;
  return earlier.every((error) => error === last) ? `so did ${tries} before` : `${tries} before failed with ${earlier.join(', ')}`;
}

/** Quotes a value for a CSS attribute selector. */
function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/** `work`, or an error saying `why` once PROMPTLY_MS passed without it settling. */
async function withinPromptly<T>(work: Promise<T>, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why)), PROMPTLY_MS)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
