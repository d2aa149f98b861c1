/**
 * Issue 15's "Follow": the envelope list as a daily tool. Status tabs with counts and a total, sorting
 * by a column's header, a search that the URL keeps (Back brings it back), a progress column ("1 of 2
 * signed — waiting on Anna"), bulk remind and withdraw with each envelope's own result (a refusal in
 * the server's words), the overview's numbers opening the list filtered to them, and participants'
 * statuses in people's words, with who acted in the history — at desktop and phone width.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callBuiltInSandbox } from '../support/built-in-sandbox.js';
import { waitUntil } from '../support/waiting.js';
import { browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, newPage, PHONE, screenshot, signIn, wrongSecretConnection } from './support.js';

const suite = browserSuite();

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' };
const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' };
const rita = { firstName: 'Rita', lastName: 'Reader', email: 'rita.reader@example.com', role: 'receiver' };

/** The envelopes every test reads, made once by the first. */
const made: Record<'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo' | 'foxtrot', string> = {} as never;

const envelopeOf = async (id: string) => (await suite.app.api.get(`/api/v1/envelopes/${id}`)).body;
const waitFor = (id: string, done: (envelope: any) => boolean, what: string) => waitUntil(() => envelopeOf(id), done, { what: `envelope ${id} ${what}` });

async function create(body: Record<string, unknown>): Promise<string> {
  const created = await suite.app.api.post('/api/v1/envelopes', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function send(id: string): Promise<void> {
  expect((await suite.app.api.post(`/api/v1/envelopes/${id}/send`)).status).toBe(202);
}

/** A participant acts on the built-in sandbox of the envelope's provider, as on its signing page. */
async function signAtAutenti(id: string, email: string): Promise<void> {
  const { providerReference } = await envelopeOf(id);
  const answer = await callBuiltInSandbox(suite.app.sandbox, suite.app.server.apiKey, 'POST', `/_sandbox/document-processes/${providerReference}/parties/${email}/actions`, { action: 'sign' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

/** The rows of the list (desktop), by title, in the order shown. */
async function titlesShown(page: Page): Promise<string[]> {
  return page.locator('tbody tr a.table-link').allTextContents();
}

/** A status badge reading exactly `text` (a participant's row also names the moment: "Signed 12:03"). */
function badge(within: Locator, text: string): Locator {
  return within.locator('.mantine-Badge-root').filter({ hasText: new RegExp(`^${text}$`) });
}

function tab(page: Page, label: string): Locator {
  return page.getByRole('tab', { name: new RegExp(`^${label}`) });
}

/** A number of the overview, named as it reads: "1 Waiting on others Sent, not finished". */
function overviewTile(page: Page, label: string, count: number): Locator {
  return page.getByRole('region', { name: 'Overview' }).getByRole('link', { name: new RegExp(`^${count}\\s*${label}\\b`) });
}

/** A tab's count, as its badge shows it. */
async function tabCount(page: Page, label: string): Promise<number> {
  const text = await tab(page, label).innerText();
  return Number(/(\d+)\s*$/.exec(text)?.[1]);
}

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${what} is wider than the ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

describe('the envelope list', () => {
  it('has status tabs with counts and a total, sorts by a column, keeps its tab, sort and search after Back, and says how far each envelope is', async () => {
    const { browser, app } = suite;
    const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Agreement.pdf')).body.id;
    const connective = (await app.api.get('/api/v1/connections')).body.data.find((connection: any) => connection.provider === 'connective').id;
    made.alpha = await create({ title: 'Alpha lease', documentIds: [document], participants: [anna] });
    made.bravo = await create({ title: 'Bravo sale', documentIds: [document], participants: [{ ...james, step: 1 }, { ...anna, step: 2 }, { ...rita, step: 2 }] });
    made.charlie = await create({ title: 'Charlie loan', documentIds: [document], participants: [james] });
    made.delta = await create({ title: 'Delta annex', documentIds: [document], participants: [rita] });
    made.echo = await create({ title: 'Echo rental', connectionId: connective, expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), documentIds: [document], participants: [anna] });
    made.foxtrot = await create({ title: 'Foxtrot deal', connectionId: (await wrongSecretConnection(suite.app)).id, documentIds: [document], participants: [james] });
    for (const id of [made.bravo, made.charlie, made.echo, made.foxtrot]) await send(id);
    await waitFor(made.foxtrot, (envelope) => envelope.status === 'failed', 'failed');
    await waitFor(made.echo, (envelope) => envelope.status === 'sent', 'sent');
    await waitFor(made.charlie, (envelope) => envelope.status === 'sent', 'sent');
    await signAtAutenti(made.charlie, james.email);
    await waitFor(made.charlie, (envelope) => envelope.status === 'completed', 'completed by the callback');
    await waitFor(made.bravo, (envelope) => envelope.status === 'sent', 'sent');
    await signAtAutenti(made.bravo, james.email);
    // Step 2's invitations arrive with the provider's callback, without a sync.
    await waitFor(made.bravo, (envelope) => envelope.participants[1].status === 'notified', 'with Anna invited');

    const tabPage = await newPage(browser, DESKTOP);
    const { page } = tabPage;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes`);
    await page.getByRole('heading', { level: 1, name: 'Envelopes' }).waitFor();

    // Tabs: the total on All, each group's count; they match the server's counts.
    const counts = (await app.api.get('/api/v1/envelopes/counts')).body;
    await eventually(async () => expect(await tabCount(page, 'All')).toBe(counts.total));
    expect(counts.total).toBe(6);
    expect({
      drafts: await tabCount(page, 'Drafts'),
      inProgress: await tabCount(page, 'In progress'),
      completed: await tabCount(page, 'Completed'),
      failed: await tabCount(page, 'Failed'),
      withdrawn: await tabCount(page, 'Withdrawn'),
    }).toEqual({ drafts: 2, inProgress: 2, completed: 1, failed: 1, withdrawn: 0 });

    // The progress column, in words: who has signed, who is awaited (the receiver counts for nothing).
    const bravoRow = page.getByRole('row').filter({ hasText: 'Bravo sale' });
    await bravoRow.getByText('1 of 2 signed — waiting on Anna').waitFor();
    await page.getByRole('row').filter({ hasText: 'Charlie loan' }).getByText('1 of 1 signed', { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Alpha lease' }).getByText('1 to sign', { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Delta annex' }).getByText('Nobody to sign', { exact: true }).waitFor();
    await screenshot(page, 'desktop-list');

    // A tab narrows the list and goes into the URL.
    await tab(page, 'In progress').click();
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Echo rental', 'Bravo sale']));
    expect(new URL(page.url()).searchParams.get('tab')).toBe('in-progress');

    // Sorting by a column's header: A to Z first, then the other way round.
    await tab(page, 'All').click();
    await page.getByRole('button', { name: 'Sort by title' }).click();
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Alpha lease', 'Bravo sale', 'Charlie loan', 'Delta annex', 'Echo rental', 'Foxtrot deal']));
    expect(await page.getByRole('columnheader', { name: 'Sort by title' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Sort by title' }).click();
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Foxtrot deal', 'Echo rental', 'Delta annex', 'Charlie loan', 'Bravo sale', 'Alpha lease']));
    await page.getByRole('button', { name: 'Sort by status' }).click();
    await eventually(async () => expect((await titlesShown(page))[0]).toBe('Charlie loan'));

    // Search by a participant's email, in the Drafts tab… then open an envelope and come Back.
    await tab(page, 'Drafts').click();
    await page.getByLabel('Search').fill('rita.reader@');
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Delta annex']));
    await eventually(async () => expect(new URL(page.url()).searchParams.get('q')).toBe('rita.reader@'));
    await page.getByRole('link', { name: 'Delta annex' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delta annex' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Envelopes' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('rita.reader@');
    expect(await tab(page, 'Drafts').getAttribute('aria-selected')).toBe('true');
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Delta annex']));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ tab: 'drafts', q: 'rita.reader@', sort: 'status', order: 'asc' });
    await screenshot(page, 'desktop-search-after-back');
    // The tabs count what the search finds: Rita is on Delta (a draft) and Bravo (in progress).
    await eventually(async () => expect(await tabCount(page, 'All')).toBe(2));
    expect({ drafts: await tabCount(page, 'Drafts'), inProgress: await tabCount(page, 'In progress'), completed: await tabCount(page, 'Completed') }).toEqual({ drafts: 1, inProgress: 1, completed: 0 });
    // The envelope page's "Back to list" comes back to the same tab, sort and search.
    await page.getByRole('link', { name: 'Delta annex' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delta annex' }).waitFor();
    await page.getByRole('link', { name: 'Back to list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Envelopes' }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ tab: 'drafts', q: 'rita.reader@', sort: 'status', order: 'asc' });
    expect(await page.getByLabel('Search').inputValue()).toBe('rita.reader@');
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Delta annex']));

    // The participants in people's words: a signer who signed "Signed", step 2 invited as soon as the
    // provider did, the receiver waiting for the copy.
    await page.goto(`${app.url}/envelopes/${made.bravo}`);
    const participants = page.getByRole('heading', { name: 'Participants' }).locator('xpath=..').locator('xpath=..');
    await badge(participants.getByRole('row').filter({ hasText: james.email }), 'Signed').waitFor();
    await badge(participants.getByRole('row').filter({ hasText: anna.email }), 'Invited').waitFor();
    await badge(participants.getByRole('row').filter({ hasText: rita.email }), 'Waiting').waitFor();
    await page.getByText('James Dawson signed').waitFor();
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('reminds and withdraws several envelopes at once, each with its own result, a refusal in the server’s words', async () => {
    const { browser, app } = suite;
    const tabPage = await newPage(browser, DESKTOP);
    const { page } = tabPage;
    // Alpha is only ready: the server refuses to remind or withdraw it.
    tabPage.allowFailedResponse(409, `/api/v1/envelopes/${made.alpha}/remind`);
    tabPage.allowFailedResponse(409, `/api/v1/envelopes/${made.alpha}/withdraw`);
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes?sort=title&order=asc`);
    await page.getByRole('checkbox', { name: 'Select Alpha lease' }).check();
    await page.getByRole('checkbox', { name: 'Select Bravo sale' }).check();
    const bar = page.getByRole('region', { name: 'Selected envelopes' });
    await bar.getByText('2 envelopes selected').waitFor();

    await bar.getByRole('button', { name: 'Remind' }).click();
    const results = page.getByRole('dialog', { name: 'Remind 2 envelopes' });
    await results.getByText(/^Done[.:]/).waitFor({ timeout: 60_000 });
    const alphaResult = results.getByRole('row').filter({ hasText: 'Alpha lease' });
    await alphaResult.getByText(/is ready; only a sent envelope can be reminded/).waitFor();
    expect(await alphaResult.getAttribute('data-state')).toBe('refused');
    await results.getByRole('row').filter({ hasText: 'Bravo sale' }).getByText('Reminder sent').waitFor();
    await screenshot(page, 'desktop-bulk-remind');
    await results.getByRole('button', { name: 'Done' }).click();
    await results.waitFor({ state: 'hidden' });
    expect((await envelopeOf(made.bravo)).events.filter((event: any) => event.type === 'envelope-reminded')).toHaveLength(1);

    // Withdraw asks once for a reason, for all of them.
    await page.getByRole('checkbox', { name: 'Select Alpha lease' }).check();
    await page.getByRole('checkbox', { name: 'Select Bravo sale' }).check();
    await bar.getByRole('button', { name: 'Withdraw' }).click();
    const asking = page.getByRole('dialog', { name: 'Withdraw 2 envelopes?' });
    await asking.getByLabel('Reason (optional)').fill('The price changed');
    await asking.getByRole('button', { name: 'Withdraw' }).click();
    const withdrawn = page.getByRole('dialog', { name: 'Withdraw 2 envelopes' });
    await withdrawn.getByText(/^Done[.:]/).waitFor({ timeout: 60_000 });
    await withdrawn.getByRole('row').filter({ hasText: 'Alpha lease' }).getByText(/is ready; only a sent envelope can be withdrawn/).waitFor();
    await withdrawn.getByRole('row').filter({ hasText: 'Bravo sale' }).getByText('Withdrawn', { exact: true }).waitFor();
    await withdrawn.getByRole('button', { name: 'Done' }).click();
    // The list and its counts follow.
    await eventually(async () => expect(await tabCount(page, 'Withdrawn')).toBe(1));
    expect(await envelopeOf(made.bravo)).toMatchObject({ status: 'withdrawn', statusReason: 'The price changed' });
    expect((await envelopeOf(made.alpha)).status).toBe('ready');

    // On the envelope: the withdrawal reaches every participant who had not acted; the history says
    // who did it, once per line.
    await page.getByRole('link', { name: 'Bravo sale' }).click();
    const participants = page.getByRole('heading', { name: 'Participants' }).locator('xpath=..').locator('xpath=..');
    await badge(participants.getByRole('row').filter({ hasText: james.email }), 'Signed').waitFor();
    await badge(participants.getByRole('row').filter({ hasText: anna.email }), 'Withdrawn').waitFor();
    await badge(participants.getByRole('row').filter({ hasText: rita.email }), 'Withdrawn').waitFor();
    const history = page.locator('.mantine-Timeline-root');
    const withdrawnLine = history.locator('.mantine-Timeline-item').filter({ hasText: /^Withdrawn/ });
    await expect.poll(() => withdrawnLine.count()).toBe(1);
    await withdrawnLine.getByText(`by ${app.owner!.email}`).waitFor();
    await history.locator('.mantine-Timeline-item').filter({ hasText: /^Reminder sent/ }).getByText(`by ${app.owner!.email}`).waitFor();
    const lines = await history.locator('.mantine-Timeline-item').allInnerTexts();
    expect(new Set(lines).size, lines.join('\n---\n')).toBe(lines.length);
    await screenshot(page, 'desktop-withdrawn-envelope');
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('has an overview whose numbers open the list filtered to them', async () => {
    const { browser, app } = suite;
    const tabPage = await newPage(browser, DESKTOP);
    const { page } = tabPage;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes`);
    // Echo is out for signature (Bravo was withdrawn); Charlie completed today; Echo expires in 3 days; Foxtrot failed.
    const tiles = { waiting: overviewTile(page, 'Waiting on others', 1), completed: overviewTile(page, 'Completed this week', 1), expiring: overviewTile(page, 'Expiring soon', 1), failed: overviewTile(page, 'Failed', 1) };
    for (const tile of Object.values(tiles)) await tile.waitFor();
    await screenshot(page, 'desktop-overview');

    const opens = async (tile: Locator, tabLabel: string, titles: string[]) => {
      await tile.click();
      await eventually(async () => expect(await titlesShown(page)).toEqual(titles));
      expect(await tab(page, tabLabel).getAttribute('aria-selected')).toBe('true');
    };
    await opens(tiles.failed, 'Failed', ['Foxtrot deal']);
    await opens(tiles.completed, 'Completed', ['Charlie loan']);
    await page.getByText(/^Changed since /).waitFor();
    expect(new URL(page.url()).searchParams.get('updatedSince')).not.toBeNull();
    await opens(tiles.expiring, 'In progress', ['Echo rental']);
    await page.getByText(/^Expiring before /).waitFor();
    // Taking the date filter off shows the whole tab again.
    await page.getByRole('button', { name: /^Remove the filter: Expiring before/ }).click();
    await eventually(async () => expect(await titlesShown(page)).toEqual(['Echo rental']));
    expect(new URL(page.url()).searchParams.get('expiresBefore')).toBeNull();
    await opens(tiles.waiting, 'In progress', ['Echo rental']);
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('works at phone width: tabs that scroll, entries with a box to select, a sort control, the search kept after Back', async () => {
    const { browser, app } = suite;
    const tabPage = await newPage(browser, PHONE);
    const { page } = tabPage;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes`);
    await overviewTile(page, 'Failed', 1).waitFor();
    await expectNoHorizontalOverflow(page, 'Envelopes');
    await screenshot(page, 'phone-list');

    // The status badge beside each title, the progress below.
    const charlie = page.getByRole('link', { name: 'Charlie loan', exact: true });
    await charlie.locator('xpath=..').getByText('Completed', { exact: true }).waitFor();
    await charlie.locator('xpath=../..').getByText('1 of 1 signed', { exact: true }).waitFor();

    await page.getByRole('textbox', { name: 'Sort', exact: true }).click();
    await page.getByRole('option', { name: 'Title A–Z' }).click();
    await eventually(async () => expect(await page.locator('a.table-link').allTextContents()).toEqual(['Alpha lease', 'Bravo sale', 'Charlie loan', 'Delta annex', 'Echo rental', 'Foxtrot deal']));
    // Searched on the All tab first: there the result differs from the tab's before the search applies.
    await page.getByLabel('Search').fill('charlie');
    await eventually(async () => expect(await page.locator('a.table-link').allTextContents()).toEqual(['Charlie loan']));
    await tab(page, 'Completed').scrollIntoViewIfNeeded();
    await tab(page, 'Completed').click();
    await eventually(async () => expect(page.url()).toContain('tab=completed'));
    await eventually(async () => expect(await page.locator('a.table-link').allTextContents()).toEqual(['Charlie loan']));
    await page.getByRole('checkbox', { name: 'Select Charlie loan' }).check();
    await page.getByRole('region', { name: 'Selected envelopes' }).getByText('1 envelope selected').waitFor();
    await expectNoHorizontalOverflow(page, 'Envelopes with a selection');
    await screenshot(page, 'phone-list-selected');

    await charlie.click();
    await page.getByRole('heading', { level: 1, name: 'Charlie loan' }).waitFor();
    await page.getByText('Signed', { exact: true }).first().waitFor();
    await screenshot(page, 'phone-envelope');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Envelopes' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('charlie');
    expect(await page.getByRole('textbox', { name: 'Sort', exact: true }).inputValue()).toBe('Title A–Z');
    await eventually(async () => expect(await page.locator('a.table-link').allTextContents()).toEqual(['Charlie loan']));
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });
});
