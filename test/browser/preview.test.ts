/**
 * Issue 15's "See and place": a document shown in the browser with pdf.js, page by page with
 * thumbnails, zoomed by steps, an office document through its PDF version (LibreOffice, as the server
 * makes it: the one test here that needs it), and signature boxes placed on its pages for the envelope's participants — drawn by
 * dragging, moved, resized, removed with the keyboard, one colour per participant — saved through
 * the participant's PATCH and read back in the same place after a reload. The PDFs are made here
 * with pdf-lib, the server is the real one with its built-in Connective sandbox as the provider.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, newPage, PHONE, screenshot, signIn, type AppServer } from './support.js';

const suite = browserSuite();

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' };
const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' };

/** An A4 PDF of `pages` pages, each saying its number in large letters (so that a drawn page is not blank). */
async function makePdf(pages: number): Promise<Blob> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let number = 1; number <= pages; number += 1) {
    pdf.addPage([595, 842]).drawText(`Page ${number}`, { x: 72, y: 700, size: 48, font });
  }
  return new Blob([await pdf.save()], { type: 'application/pdf' });
}

/** An envelope through the built-in Connective sandbox with an uploaded PDF of `pages` pages. */
async function envelopeWithPdf(app: AppServer, filename: string, pages: number, participants = [james]): Promise<{ envelopeId: string; documentId: string }> {
  const connections = (await app.api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>;
  const connective = connections.find((connection) => connection.provider === 'connective')!;
  const uploaded = await app.api.upload('/api/v1/documents', await makePdf(pages), filename);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const created = await app.api.post('/api/v1/envelopes', { title: filename, connectionId: connective.id, documentIds: [uploaded.body.id], participants });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { envelopeId: created.body.id, documentId: uploaded.body.id };
}

/** The preview, opened from the envelope's page as a person would. */
async function openPreview(page: Page, app: AppServer, envelopeId: string, filename: string): Promise<void> {
  await page.goto(`${app.url}/envelopes/${envelopeId}`);
  await page.getByRole('link', { name: new RegExp(`^Preview( and place boxes on)? ${filename}$`) }).click();
  await page.waitForURL(new RegExp(`/envelopes/${envelopeId}/documents/doc_\\w+`));
}

/** The page's canvas once pdf.js has drawn it. */
async function drawnPage(page: Page, filename: string, number: number, of: number): Promise<Locator> {
  const canvas = page.getByRole('img', { name: `${filename}, page ${number} of ${of}` });
  await canvas.and(page.locator('[data-drawn]')).waitFor();
  return canvas;
}

/** Whether the canvas holds anything but white: pdf.js drew the page's text. */
async function hasInk(canvas: Locator): Promise<boolean> {
  // The suite is typed for Node (no DOM types): the page's objects are `any` inside evaluate.
  return canvas.evaluate((target: any) => {
    const pixels: Uint8ClampedArray = target.getContext('2d').getImageData(0, 0, target.width, target.height).data;
    for (let index = 0; index < pixels.length; index += 4) if (pixels[index]! < 128) return true;
    return false;
  });
}

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${what} is wider than the ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

/** Whether `command` is on PATH (`sh -c 'command -v …'`). */
async function commandExists(command: string): Promise<boolean> {
  return promisify(execFile)('sh', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

const participantFields = async (app: AppServer, envelopeId: string) =>
  ((await app.api.get(`/api/v1/envelopes/${envelopeId}`)).body.participants as Array<{ email: string; fields: unknown[] }>).map((participant) => participant.fields);

describe('the document preview', () => {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows an uploaded PDF page by page with thumbnails, at ${width} width`, async () => {
      const { browser, app } = suite;
      const filename = `Lease-${width}.pdf`;
      const { envelopeId } = await envelopeWithPdf(app, filename, 3);
      const tab = await newPage(browser, viewport);
      const { page } = tab;
      await signIn(page, app);
      await openPreview(page, app, envelopeId, filename);

      const first = await drawnPage(page, filename, 1, 3);
      expect(await hasInk(first), 'pdf.js drew the first page').toBe(true);
      const thumbnails = page.getByRole('navigation', { name: 'Pages' }).getByRole('button');
      expect(await thumbnails.count()).toBe(3);
      expect(await thumbnails.first().getAttribute('aria-current')).toBe('page');
      // A thumbnail is drawn once it scrolls into view (below the page on a phone).
      await thumbnails.first().scrollIntoViewIfNeeded();
      await thumbnails.first().locator('canvas[data-drawn]').waitFor();
      // The page fits the screen: as wide as the room it has, never wider.
      const sheet = await first.boundingBox();
      expect(sheet!.width).toBeLessThanOrEqual(viewport.width);
      await expectNoHorizontalOverflow(page, 'the preview');
      await screenshot(page, `page-1-${width}`);

      await page.getByRole('button', { name: 'Page 3', exact: true }).click();
      const third = await drawnPage(page, filename, 3, 3);
      expect(await hasInk(third)).toBe(true);
      expect(await thumbnails.nth(2).getAttribute('aria-current')).toBe('page');
      expect(await thumbnails.first().getAttribute('aria-current')).toBeNull();
      expect(new URL(page.url()).searchParams.get('page')).toBe('3');
      await page.getByRole('button', { name: 'Previous page' }).click();
      await drawnPage(page, filename, 2, 3);
      await page.getByText('Page 2 of 3').waitFor();

      // The page shown is in the URL: a reload opens it again.
      await page.reload();
      await drawnPage(page, filename, 2, 3);
      await screenshot(page, `page-2-${width}`);
      await expectNoHorizontalOverflow(page, 'the preview after a reload');

      // Zoom by steps of the fitted width: a larger page scrolls in its own frame, never the screen.
      const fitted = (await drawnPage(page, filename, 2, 3).then((canvas) => canvas.boundingBox()))!.width;
      const zoomIn = page.getByRole('button', { name: 'Zoom in' });
      await zoomIn.click();
      await zoomIn.click();
      await page.getByText('150%', { exact: true }).waitFor();
      const zoomed = await drawnPage(page, filename, 2, 3);
      await eventually(async () => expect(Math.abs((await zoomed.boundingBox())!.width - fitted * 1.5)).toBeLessThanOrEqual(2));
      await expectNoHorizontalOverflow(page, 'the zoomed preview');
      await screenshot(page, `page-2-zoomed-${width}`);
      await page.getByRole('button', { name: 'Fit to width' }).click();
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await page.getByText('75%', { exact: true }).waitFor();
      await eventually(async () => expect(Math.abs((await zoomed.boundingBox())!.width - fitted * 0.75)).toBeLessThanOrEqual(2));
      expectNoConsoleErrors(tab);
      await tab.close();
    });
  }

  it('previews an upload from the documents list, at phone width', async () => {
    const { browser, app } = suite;
    const filename = 'Upload-only.pdf';
    expect((await app.api.upload('/api/v1/documents', await makePdf(2), filename)).status).toBe(201);
    const tab = await newPage(browser, PHONE);
    const { page } = tab;
    await signIn(page, app);
    await page.getByRole('link', { name: `Preview ${filename}` }).click();
    await page.waitForURL(/\/documents\/doc_\w+$/);
    expect(await hasInk(await drawnPage(page, filename, 1, 2))).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Place boxes for' }).count(), 'an upload has no participants').toBe(0);
    await page.getByRole('button', { name: 'Next page' }).click();
    await drawnPage(page, filename, 2, 2);
    await expectNoHorizontalOverflow(page, 'the preview of an upload');
    await screenshot(page, 'upload-phone');
    await page.getByRole('link', { name: 'Back to documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('previews an office document through its PDF version, made by LibreOffice, at desktop width', async () => {
    const { browser, app } = suite;
    // The one test of this suite that needs LibreOffice, as the server does to make a rendition; .ci/run installs it.
    expect(await commandExists('soffice'), 'LibreOffice (soffice) is on PATH: apt-get install libreoffice-writer-nogui').toBe(true);
    const filename = 'Three pages.docx';
    const uploaded = await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'three-pages.docx'), filename);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    // Opened at once: the page says the PDF version is being made, then shows it when it is.
    await page.goto(`${app.url}/documents/${uploaded.body.id}`);
    const first = page.getByRole('img', { name: `${filename}, page 1 of 3` }).and(page.locator('[data-drawn]'));
    await first.waitFor({ timeout: 90_000 });
    expect(await hasInk(first), 'pdf.js drew the rendition’s first page').toBe(true);
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('button').count()).toBe(3);
    await page.getByRole('button', { name: 'Page 3', exact: true }).click();
    expect(await hasInk(await drawnPage(page, filename, 3, 3))).toBe(true);
    await screenshot(page, 'office-rendition-desktop');
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('keeps pdf.js out of the app until a document is previewed', async () => {
    const { app } = suite;
    const index = await (await fetch(`${app.url}/`)).text();
    const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = await (await fetch(app.url + script)).text();
      expect(code, `${script} carries pdf.js`).not.toContain('GlobalWorkerOptions');
    }
  });
});

describe('placing signature boxes', () => {
  it('draws a box by dragging, moves and resizes it, saves it, and finds it in the same place after a reload', async () => {
    const { browser, app } = suite;
    const filename = 'Placement.pdf';
    const { envelopeId, documentId } = await envelopeWithPdf(app, filename, 2, [james, anna]);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openPreview(page, app, envelopeId, filename);
    const canvas = await drawnPage(page, filename, 1, 2);
    const scale = (await canvas.boundingBox())!.width / 595;
    const at = (...points: Array<[number, number]>) => onScreen(canvas, points);

    // James is the first participant, chosen already: drag from (100, 200) to (250, 240) points.
    expect(await page.getByRole('textbox', { name: 'Place boxes for' }).inputValue()).toBe('James Dawson (signer)');
    const [start, end] = await at([100, 200], [250, 240]);
    await dragBetween(page, start, end);
    // The boxes drawn on the page (the list under the controls names them too).
    const onPage = page.locator('.box-layer');
    const jamesBox = onPage.getByRole('button', { name: /^Signature box for James Dawson, page 1:/ });
    await jamesBox.waitFor();
    const drawn = parseBox(await jamesBox.getAttribute('aria-label'));
    expect(drawn.left).toBeCloseTo(100, -0.5);
    expect(drawn.top).toBeCloseTo(200, -0.5);
    expect(drawn.width).toBeCloseTo(150, -0.5);
    expect(drawn.height).toBeCloseTo(40, -0.5);

    // Moved by (50, 100) points from its middle, then its corner handle pulled by (30, 20).
    const middle = { x: drawn.left + drawn.width / 2, y: drawn.top + drawn.height / 2 };
    const [grab, release] = await at([middle.x, middle.y], [middle.x + 50, middle.y + 100]);
    await dragBetween(page, grab, release);
    await eventually(async () => expect(parseBox(await jamesBox.getAttribute('aria-label')).left).not.toBe(drawn.left));
    const moved = parseBox(await jamesBox.getAttribute('aria-label'));
    expect(moved.left - drawn.left).toBeCloseTo(50, -0.5);
    expect(moved.top - drawn.top).toBeCloseTo(100, -0.5);
    expect({ width: moved.width, height: moved.height }).toEqual({ width: drawn.width, height: drawn.height });
    await jamesBox.scrollIntoViewIfNeeded();
    const handle = (await jamesBox.locator('.placed-box-resize').boundingBox())!;
    const grip = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    await dragBetween(page, grip, { x: grip.x + 30 * scale, y: grip.y + 20 * scale });
    await eventually(async () => expect(parseBox(await jamesBox.getAttribute('aria-label')).width).not.toBe(moved.width));
    const resized = parseBox(await jamesBox.getAttribute('aria-label'));
    expect({ left: resized.left, top: resized.top }).toEqual({ left: moved.left, top: moved.top });
    expect(resized.width - moved.width).toBeCloseTo(30, -0.5);
    expect(resized.height - moved.height).toBeCloseTo(20, -0.5);

    // Anna's box, dropped with a click on page 2, in her own colour.
    await page.getByRole('textbox', { name: 'Place boxes for' }).click();
    await page.getByRole('option', { name: 'Anna Nowak (signer)' }).click();
    await page.getByRole('button', { name: 'Page 2', exact: true }).click();
    const secondPage = await drawnPage(page, filename, 2, 2);
    const [drop] = await onScreen(secondPage, [[300, 400]]);
    await page.mouse.click(drop!.x, drop!.y);
    const annaBox = onPage.getByRole('button', { name: /^Signature box for Anna Nowak, page 2:/ });
    await annaBox.waitFor();
    const dropped = parseBox(await annaBox.getAttribute('aria-label'));
    expect({ width: dropped.width, height: dropped.height }).toEqual({ width: 180, height: 50 });
    // The box is selected by keyboard and nudged 10 pt right (Shift+→), then 1 pt down (↓), then widened by 2 pt.
    await annaBox.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowDown');
    // Alt with an arrow resizes it (and is not the browser's Back).
    const here = page.url();
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    expect(page.url()).toBe(here);
    const nudged = { ...dropped, left: dropped.left + 10, top: dropped.top + 1, width: dropped.width + 2 };
    await onPage.getByRole('button', { name: boxName('Anna Nowak', 2, nudged) }).waitFor();
    const annaColour = await annaBox.evaluate((element: any) => element.ownerDocument.defaultView.getComputedStyle(element).borderTopColor as string);
    // James's box is on page 1, not shown now: the list's swatches show each box's colour.
    const list = page.getByRole('list', { name: 'Boxes on this document' });
    const swatches = await list.locator('.colour-swatch').evaluateAll((elements: any[]) => elements.map((element) => element.ownerDocument.defaultView.getComputedStyle(element).backgroundColor as string));
    expect(new Set(swatches).size, 'one colour per participant').toBe(2);
    expect(annaColour).toBe(swatches[1]);
    await screenshot(page, 'boxes-placed');

    await page.getByRole('button', { name: 'Save boxes' }).click();
    await page.getByText('Where James Dawson and Anna Nowak sign is saved.').waitFor();
    const box = (rect: { left: number; top: number; width: number; height: number }, number: number) => ({ type: 'signature', documentId, page: number, ...rect });
    expect(await participantFields(app, envelopeId)).toEqual([[box(resized, 1)], [box(nudged, 2)]]);

    // After a reload the boxes are where they were, on the page and in the list.
    await page.goto(`${app.url}/envelopes/${envelopeId}/documents/${documentId}`);
    await drawnPage(page, filename, 1, 2);
    const reloaded = onPage.getByRole('button', { name: boxName('James Dawson', 1, resized) });
    await reloaded.waitFor();
    const [corner] = await at([resized.left, resized.top]);
    const shown = (await reloaded.boundingBox())!;
    expect(Math.abs(shown.x - corner!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(shown.y - corner!.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(shown.width - resized.width * scale)).toBeLessThanOrEqual(1);
    // Zoomed in, the box grows with the page and stays on its corner.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByText('125%', { exact: true }).waitFor();
    await eventually(async () => expect(Math.abs((await reloaded.boundingBox())!.width - resized.width * scale * 1.25)).toBeLessThanOrEqual(1));
    await page.getByRole('button', { name: 'Fit to width' }).click();
    await eventually(async () => expect(Math.abs((await reloaded.boundingBox())!.width - resized.width * scale)).toBeLessThanOrEqual(1));
    await list.getByText(boxName('Anna Nowak', 2, nudged)).waitFor();
    await screenshot(page, 'boxes-after-reload');

    // Removed by keyboard: Delete on the focused box, then saved.
    await reloaded.focus();
    await page.keyboard.press('Delete');
    await reloaded.waitFor({ state: 'detached' });
    await page.getByText('Unsaved changes for James Dawson').waitFor();
    await page.getByRole('button', { name: 'Save boxes' }).click();
    await page.getByText('Where James Dawson signs is saved.').waitFor();
    expect(await participantFields(app, envelopeId)).toEqual([[], [box(nudged, 2)]]);
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('shows the server’s detail when it refuses the boxes', async () => {
    const { browser, app } = suite;
    const filename = 'Crowded.pdf';
    const { envelopeId } = await envelopeWithPdf(app, filename, 1);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    const participantId = (await app.api.get(`/api/v1/envelopes/${envelopeId}`)).body.participants[0].id;
    // Provoked on purpose: a participant takes at most 50 fields (the API's schema).
    tab.allowFailedResponse(400, `/api/v1/envelopes/${envelopeId}/participants/${participantId}`);
    await signIn(page, app);
    await openPreview(page, app, envelopeId, filename);
    await drawnPage(page, filename, 1, 1);
    const add = page.getByRole('button', { name: 'Add box on page 1' });
    for (let count = 0; count < 51; count += 1) await add.click();
    await page.getByRole('button', { name: 'Save boxes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The boxes for James Dawson were not saved' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/50/);
    await screenshot(page, 'refused');
    expect(await participantFields(app, envelopeId)).toEqual([[]]);
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('places nothing once the envelope is sent, and still shows where each participant signs', async () => {
    const { browser, app } = suite;
    const filename = 'Sent.pdf';
    const { envelopeId, documentId } = await envelopeWithPdf(app, filename, 1);
    const participantId = (await app.api.get(`/api/v1/envelopes/${envelopeId}`)).body.participants[0].id;
    const fields = [{ type: 'signature', documentId, page: 1, left: 72, top: 600, width: 180, height: 50 }];
    expect((await app.api.patch(`/api/v1/envelopes/${envelopeId}/participants/${participantId}`, { fields })).status).toBe(200);
    expect((await app.api.post(`/api/v1/envelopes/${envelopeId}/send`)).status).toBe(202);
    const tab = await newPage(browser, PHONE);
    const { page } = tab;
    await signIn(page, app);
    await openPreview(page, app, envelopeId, filename);
    await drawnPage(page, filename, 1, 1);
    await page.locator('.box-layer').getByRole('button', { name: boxName('James Dawson', 1, fields[0]!) }).waitFor();
    expect(await page.getByRole('button', { name: 'Save boxes' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Place boxes for' }).count()).toBe(0);
    await expectNoHorizontalOverflow(page, 'the preview of a sent envelope');
    await screenshot(page, 'sent-phone');
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

/**
 * Points of the page (in PDF points) as screen positions for the mouse, the page scrolled so that the
 * first is in view: the page is taller than the screen, and the mouse reaches only what is shown.
 */
async function onScreen(canvas: Locator, points: Array<[number, number]>): Promise<Array<{ x: number; y: number }>> {
  let sheet = (await canvas.boundingBox())!;
  const scale = sheet.width / 595;
  await canvas.page().evaluate(`window.scrollBy(0, ${sheet.y + points[0]![1] * scale - 300})`);
  sheet = (await canvas.boundingBox())!;
  return points.map(([left, top]) => ({ x: sheet.x + left * scale, y: sheet.y + top * scale }));
}

/** A press at `from`, a move in steps, a release at `to`: a drag as a mouse makes it. */
async function dragBetween(page: Page, from: { x: number; y: number } | undefined, to: { x: number; y: number } | undefined): Promise<void> {
  if (!from || !to) throw new Error('dragBetween needs two points');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** A box's coordinates from its accessible name. */
function parseBox(label: string | null): { left: number; top: number; width: number; height: number } {
  const match = /: (\d+) pt from the left, (\d+) pt from the top, (\d+) × (\d+) pt$/.exec(label ?? '');
  if (!match) throw new Error(`not a box's name: ${label}`);
  const [left, top, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  return { left, top, width, height };
}

function boxName(name: string, page: number, box: { left: number; top: number; width: number; height: number }): string {
  return `Signature box for ${name}, page ${page}: ${box.left} pt from the left, ${box.top} pt from the top, ${box.width} × ${box.height} pt`;
}
