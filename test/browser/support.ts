/**
 * Helpers of the browser suite: Debian's chromium through playwright-core, pages that record every
 * console error, screenshots under test-output/browser, and the real server with the built web app.
 *
 * Waiting is always for a state (Playwright's auto-waiting locators, or {@link eventually}), never a
 * fixed sleep.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const DOCUMENTS = resolve(ROOT, 'test/fixtures/documents');

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

// ---------------------------------------------------------------------------------------------
// The browser

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's chromium (or CHROMIUM_PATH), headless. Never a downloaded browser build; never skipped. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `The browser tests drive Debian's chromium, and there is none at ${executablePath}. ` +
        'Install it with `apt-get install chromium` (or set CHROMIUM_PATH to a Chromium executable).',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /**
   * Every console error and uncaught page error so far, as "where: message". A test asserts that it
   * is empty at the end ({@link expectNoConsoleErrors}).
   */
  consoleErrors: string[];
  /**
   * Declares an HTTP error response the test provokes on purpose (a wrong password, a refused file):
   * Chromium logs "Failed to load resource: … status of 401" as a console error for it, which is the
   * browser reporting the request, not the app failing. Only that status on that path is let through.
   */
  allowFailedResponse(status: number, path: string): void;
  close(): Promise<void>;
}

let pagesOpened = 0;

/**
 * A page in a fresh context (its own cookies and storage) at the given viewport, recording console
 * errors. The browser speaks `locale` (American English unless told): what the app's language
 * follows until a person chooses one in the account menu.
 */
export async function newPage(browser: Browser, viewport: { width: number; height: number }, options: { locale?: string } = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: options.locale ?? 'en-US' });
  // Playwright's default is 30 s a wait or action. On a loaded 2-core CI machine, a status that
  // comes from a job (a send through the sandbox) once took longer; the tests' own limit is 120 s.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const allowed: Array<{ status: number; path: string }> = [];

  const isAllowed = (text: string, url: string) => {
    const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text)?.[1];
    if (status === undefined || url === '') return false;
    const { pathname } = new URL(url);
    return allowed.some((entry) => entry.status === Number(status) && entry.path === pathname);
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    if (isAllowed(message.text(), url)) return;
    const where = url && url !== page.url() ? ` (from ${url}${lineNumber ? `:${lineNumber + 1}` : ''})` : '';
    consoleErrors.push(`console error on ${page.url()}${where}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught error at ${page.url()}: ${error.stack ?? error.message}`));
  page.on('crash', () => consoleErrors.push(`the page crashed at ${page.url()}`));
  // A failed test leaves a picture of where each of its pages stood, beside the other screenshots.
  const testName = expect.getState().currentTestName;
  if (testName !== undefined) {
    const index = ++pagesOpened;
    onTestFailed(async () => {
      if (page.isClosed()) return;
      const name = `FAILED ${testName}`.replace(/[^\w.-]+/g, '-').slice(0, 120);
      await screenshot(page, `${name}-page-${index}`).catch(() => undefined);
    });
  }

  return {
    page,
    context,
    consoleErrors,
    allowFailedResponse: (status, path) => void allowed.push({ status, path }),
    close: () => context.close(),
  };
}

/** What a screen reader reads with the input besides its label: its description and error (aria-describedby). */
export async function describedBy(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Whether the element has the page's focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element: any) => element === element.ownerDocument.activeElement);
}

/**
 * The URLs of the `method` requests the page makes from now on to `path` (a pathname, or a pattern of
 * pathnames): what a form sent, or that it sent nothing.
 */
export function requestsTo(page: Page, method: string, path: string | RegExp): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() === method && (typeof path === 'string' ? pathname === path : path.test(pathname))) urls.push(request.url());
  });
  return urls;
}

/** The assertion every test ends with. */
export function expectNoConsoleErrors(testPage: TestPage): void {
  // As one text: a failure shows the messages themselves, not `[ …(2) ]`.
  expect(testPage.consoleErrors.join('\n'), `console errors on ${testPage.page.url()}`).toBe('');
}

/** The folder of this test file's screenshots: test-output/browser/<test file>/. */
export function screenshotFolder(): string {
  const testPath = expect.getState().testPath;
  if (!testPath) throw new Error('screenshot() must be called while a test file runs');
  return join(ROOT, 'test-output', 'browser', basename(testPath).replace(/\.test\.ts$/, ''));
}

/** Saves a full-page PNG as test-output/browser/<test file>/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const folder = screenshotFolder();
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/** axe-core's script, read once from node_modules: injected into the page under test, never fetched from a CDN. */
let axeScript: string | undefined;
function axeSource(): string {
  axeScript ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeScript;
}

/** What axe reports of one rule broken, as far as the failure message needs it. */
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Waits until the page has settled — no skeleton, loader or busy region, no transition running — as
 * an axe check needs: axe judges colours as painted, and a dialog fading in is half its contrast.
 */
export async function waitUntilSettled(page: Page): Promise<void> {
  // Polled through evaluate: waitForFunction compiles its text in the page, which its CSP refuses.
  const stillBusy = `[
    ...[...document.querySelectorAll('.mantine-Skeleton-root, .mantine-Loader-root, [aria-busy="true"]')]
      .filter((element) => element.checkVisibility()).map((element) => element.outerHTML.slice(0, 160)),
    ...document.getAnimations().filter((animation) => animation.playState === 'running' && Number.isFinite(animation.effect?.getComputedTiming().endTime))
      .map((animation) => 'a transition of ' + (animation.effect?.target?.className ?? '?')),
  ]`;
  await eventually(async () => expect(await page.evaluate(stillBusy), 'what is still loading or moving').toEqual([]), { timeoutMs: 15_000 });
}

/**
 * Runs axe-core over the page as it is now and fails with a readable list (rule, what it asks, where,
 * and how to fix it) when a rule of impact serious or critical is broken. Lesser findings are not
 * failures. Call it once the page has settled (its content shown, no loader, no half-faded transition):
 * axe judges colours as they are painted. `disableRules` turns rules off for this call only; a caller
 * that passes one says why beside it.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string, options: { disableRules?: readonly string[] } = {}): Promise<void> {
  // page.evaluate runs outside the page's Content-Security-Policy, which refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource());
  const rules = Object.fromEntries((options.disableRules ?? []).map((rule) => [rule, { enabled: false }]));
  const violations = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ['violations'], rules: ${JSON.stringify(rules)} }).then((results) => results.violations)`,
  )) as AxeViolation[];
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious.map((violation) => {
    const nodes = violation.nodes.slice(0, 5).map((node) => `    at ${node.target.map(String).join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
    const more = violation.nodes.length > 5 ? [`    …and ${violation.nodes.length - 5} more`] : [];
    return [`${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`, ...nodes, ...more].join('\n');
  });
  if (report.length > 0) expect.fail(`serious accessibility violations on ${label} (${page.url()}):\n\n${report.join('\n\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// The server

export interface AppServer {
  server: ServerProcess;
  url: string;
  /** The API, with the server's admin API key (for arranging and checking what the browser cannot see). */
  api: ApiClient;
  /** The owner account created from COUNTERSIGN_ADMIN_EMAIL/PASSWORD, or null for a fresh install without them. */
  owner: { email: string; password: string } | null;
  /** The built-in Autenti sandbox: `${url}/sandbox/autenti`. */
  sandbox: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (from source, on a free port, in a temporary data folder) serving the web app
 * built into dist/web. Builds nothing itself: `npm run build` (or `npm ci`, through `prepare`) does.
 * With `owner: false`, no admin account is configured: the first visit asks to create one. `env` adds
 * to the server's environment (e.g. COUNTERSIGN_ALLOW_PRIVATE_URLS for a webhook receiver on loopback).
 */
export async function startAppServer(options: { owner?: boolean; env?: Record<string, string> } = {}): Promise<AppServer> {
  const index = join(ROOT, 'dist/web/index.html');
  if (!existsSync(index)) {
    throw new Error(`The web app is not built: ${index} is missing. Run npm run build first (npm ci does it through prepare).`);
  }
  const owner = options.owner === false ? null : { email: 'owner@example.com', password: randomBytes(15).toString('base64url') };
  const folder = temporaryDataDir();
  let server: ServerProcess;
  try {
    server = await startServer({
      dataDir: folder.dataDir,
      env: {
        COUNTERSIGN_ADMIN_EMAIL: owner?.email,
        COUNTERSIGN_ADMIN_PASSWORD: owner?.password,
        COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0',
        ...options.env,
      },
    });
  } catch (error) {
    folder.remove();
    throw error;
  }
  const stop = async () => {
    await server.stop();
    folder.remove();
  };
  const home = await fetch(server.url + '/');
  const body = await home.text();
  if (home.status !== 200 || !(home.headers.get('content-type') ?? '').includes('text/html')) {
    await stop();
    throw new Error(
      `The server does not serve the web app at / (${home.status} ${home.headers.get('content-type')}: ${body.slice(0, 200)}). ` +
        'Is registerWebApp wired into src/api/server.ts?',
    );
  }
  return { server, url: server.url, api: apiClient(server.url, server.apiKey), owner, sandbox: `${server.url}/sandbox/autenti`, stop };
}

// ---------------------------------------------------------------------------------------------
// A test file's setup

export interface BrowserSuite {
  readonly browser: Browser;
  readonly app: AppServer;
}

/**
 * Starts the app server and Chromium once for the test file (beforeAll) and stops them after it.
 * When either cannot start (no chromium, the web app not built), every test of the file fails with
 * that message: a failing beforeAll would only mark them skipped, and a browser suite that skips
 * is no check at all. `env` is the server's, as for {@link startAppServer}.
 */
export function browserSuite(options: { env?: Record<string, string> } = {}): BrowserSuite {
  let browser: Browser | undefined;
  let app: AppServer | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      app = await startAppServer({ env: options.env });
      browser = await launchBrowser();
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const ready = () => {
    if (failure !== undefined) throw failure;
    if (!browser || !app) throw new Error('browserSuite() is used outside a test');
    return { browser, app };
  };
  return {
    get browser() {
      return ready().browser;
    },
    get app() {
      return ready().app;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The app, as a person uses it

/**
 * A field's label, matched whole. Playwright's getByLabel reads the label's text including Mantine's
 * required-field asterisk (" *", hidden from screen readers), so an exact string would miss "Email *".
 */
export function labelled(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/** Opens the app and signs in through the form; resolves once the navigation shows. */
export async function signIn(page: Page, app: AppServer, credentials = app.owner!): Promise<void> {
  await page.goto(app.url + '/');
  await page.getByLabel(labelled('Email')).fill(credentials.email);
  await page.getByLabel(labelled('Password')).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Documents' }).waitFor();
}

/**
 * A page whose browser speaks `locale`, signed in as the owner through `POST /api/v1/session` rather
 * than the sign-in form (whose words are then in that language): the session cookie is the context's,
 * as after the form, and the app opened next finds the session.
 */
export async function signedInPage(browser: Browser, app: AppServer, viewport: { width: number; height: number }, locale: string): Promise<TestPage> {
  const tab = await newPage(browser, viewport, { locale });
  const { email, password } = app.owner!;
  const response = await tab.context.request.post(`${app.url}/api/v1/session`, { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return tab;
}

/**
 * Whether `locator` is on screen. At phone width the collapsed navigation is moved off the side of
 * the screen rather than hidden, so "visible" in Playwright's sense is not enough.
 */
export async function isOnScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize();
  if (!box || !viewport || !(await locator.isVisible())) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

/** Goes to a section through the navigation (opening it with the burger button first at phone width). */
export async function navigateTo(page: Page, section: 'Documents' | 'Envelopes' | 'Settings'): Promise<void> {
  const link = page.getByRole('link', { name: section, exact: true });
  await link.waitFor();
  if (!(await isOnScreen(link))) {
    await burger(page).click();
    await eventually(async () => expect(await isOnScreen(link), `the ${section} link is on screen`).toBe(true));
  }
  await link.click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}

/** The burger button that opens the navigation at phone width. */
export function burger(page: Page): Locator {
  return page.getByRole('button', { name: 'Open navigation' });
}

/** Signs out through the account menu in the header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
}

/** Polls an assertion until it passes (100 ms apart), or throws its last failure after the deadline. */
export async function eventually<T>(check: () => Promise<T> | T, options: { timeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((tick) => setTimeout(tick, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// The built-in Autenti sandbox

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  link: string | null;
  sentAt: string;
}

/** The sandbox mailbox for one address, newest first. */
export async function mailbox(app: AppServer, email: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${app.sandbox}/_sandbox/mailbox?to=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${app.server.apiKey}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as MailboxMessage[];
}

/** Waits (with a deadline) for a message with a link to `email`, and returns the newest one. */
export async function waitForInvitation(app: AppServer, email: string): Promise<MailboxMessage & { link: string }> {
  const messages = await waitUntil(
    () => mailbox(app, email),
    (list) => list.some((message) => message.link),
    { what: `an invitation to ${email} in the sandbox mailbox` },
  );
  return messages.find((message) => message.link) as MailboxMessage & { link: string };
}

/**
 * A connection to the built-in Autenti sandbox whose secret is wrong (its key is registered, so only
 * the secret fails): a send through it fails at once, as a refusal is not retried.
 */
export async function wrongSecretConnection(app: AppServer, name = 'Broken'): Promise<{ id: string; clientId: string }> {
  const client = await sandboxCall(app, 'POST', '/clients', { name });
  expect(client.status).toBe(200);
  const created = await app.api.post('/api/v1/connections', { provider: 'autenti', name, baseUrl: 'sandbox', clientId: client.body.clientId, clientSecret: 'not-the-secret', accountEmail: 'sender@example.com' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await sandboxCall(app, 'PUT', `/clients/${client.body.clientId}/public-key`, created.body.publicJwk)).status).toBe(200);
  return { id: created.body.id, clientId: client.body.clientId };
}

/** A JSON call to the sandbox's control routes (`/_sandbox/...`, with the API key), as its Integration settings page makes. */
export async function sandboxCall(app: AppServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.sandbox}/_sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${app.server.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}
