import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, embeddedJson, hostile, htmlArgs, jsonArgs, pageCases, root } from './fixtures.js';

/**
 * The HTML pages of `--format html` in a real browser: headless Chromium (the system's
 * package), under several host and emulated time zones. What is drawn must be what the
 * CLI computed; stepping the window must give the instants Node computes; nothing may
 * touch the network or log an error; the page must actually paint.
 */

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Core = typeof import('../../src/index.js');
type Period = typeof import('../../src/cli/views/period.js');
let core: Core;
let period: Period;

const dir = mkdtempSync(join(tmpdir(), 'timeblocks-browser-'));
const cases = pageCases(dir).map((page) => {
  const html = cli(htmlArgs(page), 'UTC', page.codes);
  const path = join(dir, `${page.name}.html`);
  writeFileSync(path, html);
  return { ...page, html, url: pathToFileURL(path).href, json: JSON.parse(cli(jsonArgs(page, ...page.window), 'UTC', page.codes)) as unknown };
});

beforeAll(async () => {
  // The built package, as users get it: the same core the CLI ran.
  core = (await import(pathToFileURL(join(root, 'dist/index.js')).href)) as Core;
  period = (await import(pathToFileURL(join(root, 'dist/cli/views/period.js')).href)) as Period;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A drawn entry, read from its data attributes (a block drawn on several days counted once). */
interface Drawn {
  seriesId: string;
  key: string;
  start: number;
  end: number;
  conflict: boolean;
}

async function drawn(page: Page): Promise<Drawn[]> {
  const entries = await page.$$eval('#calendar li.entry', (items) =>
    items.map((item) => ({
      seriesId: item.getAttribute('data-series') ?? '',
      key: item.getAttribute('data-key') ?? '',
      start: Number(item.getAttribute('data-start')),
      end: Number(item.getAttribute('data-end')),
      conflict: item.classList.contains('conflict'),
    })),
  );
  const seen = new Map(entries.map((entry) => [`${entry.seriesId}\u0000${entry.key}\u0000${entry.start}\u0000${entry.end}`, entry]));
  return [...seen.values()];
}

const byStart = (a: Drawn, b: Drawn) => a.start - b.start || a.end - b.end || (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : a.key < b.key ? -1 : 1);

/** The blocks Node's core gives for the page's series in a window: what the page must draw there. */
function nodeBlocks(view: { source: { series: Array<{ series: unknown }> } }, window: { from: number; to: number }): Array<Omit<Drawn, 'conflict'>> {
  return view.source.series
    .flatMap((spec) => core.expand(core.defineSeries(spec.series as never), window))
    .map((block) => ({ seriesId: block.seriesId, key: block.key, start: block.start, end: block.end }))
    .sort(byStart as never);
}

/** The browser settings the pages are opened under: the process's TZ, and Chromium's own time-zone emulation. */
const settings = [
  { name: 'TZ=UTC', env: 'UTC', emulate: undefined },
  { name: 'TZ=Pacific/Chatham', env: 'Pacific/Chatham', emulate: undefined },
  { name: 'TZ=America/Los_Angeles, emulated Asia/Kolkata', env: 'America/Los_Angeles', emulate: 'Asia/Kolkata' },
];

describe.each(settings)('HTML pages in headless Chromium ($name)', ({ env, emulate }) => {
  let browser: Browser;
  let userDataDir: string;

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'timeblocks-chromium-'));
    browser = await puppeteer.launch({ executablePath, headless: true, args: flags, userDataDir, env: { ...process.env, TZ: env } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Opens a page, failing on any console error, page error, dialog or request that is not the file itself. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== url) problems.push(`request: ${request.url()}`);
    });
    if (emulate !== undefined) await page.emulateTimezone(emulate);
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    // The module script enables the buttons once it has run.
    await page.waitForSelector('#next:not([disabled])', { timeout: 10_000 });
    return { page, problems };
  }

  for (const testCase of cases) {
    it(`${testCase.name}: draws the CLI's blocks, steps the window like Node, logs nothing, paints`, async () => {
      const { page, problems } = await open(testCase.url);
      // The browser really is in the zone we asked for (the page must not care).
      const hostOffset = await page.evaluate(() => new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset());
      expect(hostOffset).toBe({ UTC: 0, 'Pacific/Chatham': -825, 'America/Los_Angeles': 480 }[env]! + (emulate === 'Asia/Kolkata' ? -330 - 480 : 0));

      const view = embeddedJson(testCase.html, 'timeblocks-view') as { source: any; window: { from: number; to: number }; zone: string; span: { kind: 'week' | 'month'; first: number; periods: number } };
      // The embedded output is exactly the CLI's --format json.
      expect(JSON.parse(await page.$eval('#timeblocks-output', (element) => element.textContent ?? ''))).toEqual(testCase.json);

      // What is drawn is what the CLI computed.
      const first = (await drawn(page)).sort(byStart);
      expect(first.length).toBeGreaterThan(0);
      if (view.source.command === 'slots') {
        const slots = testCase.json as Array<{ resource: string; startMs: number; endMs: number }>;
        expect(first.map(({ seriesId, start, end }) => ({ resource: seriesId, start, end }))).toEqual(slots.map((slot) => ({ resource: slot.resource, start: slot.startMs, end: slot.endMs })));
      } else if (view.source.command === 'preview') {
        const blocks = testCase.json as Array<{ seriesId: string; key: string; startMs: number; endMs: number }>;
        expect(first.map(({ conflict: _, ...rest }) => rest)).toEqual(blocks.map((block) => ({ seriesId: block.seriesId, key: block.key, start: block.startMs, end: block.endMs })));
      } else {
        expect(first.map(({ conflict: _, ...rest }) => rest)).toEqual(nodeBlocks(view, view.window));
        const clashing = new Set((testCase.json as Array<{ a: { seriesId: string; key: string }; b: { seriesId: string; key: string } }>).flatMap(({ a, b }) => [`${a.seriesId} ${a.key}`, `${b.seriesId} ${b.key}`]));
        expect(clashing.size).toBeGreaterThan(0);
        expect(new Set(first.filter((entry) => entry.conflict).map((entry) => `${entry.seriesId} ${entry.key}`))).toEqual(clashing);
      }

      // Next, next, previous: each window is the next whole week/month in the series' zone, with Node's instants.
      let span = period.spanCovering(view.span.kind, view.zone, view.window.from, view.window.to);
      for (const [button, steps] of [['#next', 1], ['#next', 1], ['#previous', -1]] as const) {
        await page.click(button);
        span = { ...span, first: period.shiftPeriod(span.kind, span.first, steps) };
        const window = period.spanWindow(view.zone, span);
        const state = await page.evaluate(() => (globalThis as unknown as { timeblocksView: { window: { from: number; to: number }; json: unknown } }).timeblocksView);
        expect(state.window).toEqual(window);
        expect(await page.$eval('#problem', (element) => element.textContent)).toBe('');
        const after = (await drawn(page)).sort(byStart);
        if (view.source.command === 'slots') {
          // The CLI, asked for the same window, prints the same slots.
          const iso = (ms: number) => new Date(ms).toISOString();
          const slots = JSON.parse(cli(jsonArgs(testCase, iso(window.from), iso(window.to)))) as Array<{ resource: string; startMs: number; endMs: number }>;
          expect(after.map(({ seriesId, start, end }) => ({ resource: seriesId, start, end }))).toEqual(slots.map((slot) => ({ resource: slot.resource, start: slot.startMs, end: slot.endMs })));
          expect(state.json).toEqual(slots);
        } else {
          expect(after.map(({ conflict: _, ...rest }) => rest)).toEqual(nodeBlocks(view, window));
        }
      }

      // It paints: a screenshot with text and colour, not a blank page.
      const png = PNG.sync.read(Buffer.from(await page.screenshot({ type: 'png' })));
      const colours = new Set<number>();
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        colours.add((r << 16) | (g << 8) | b);
        if (r + g + b < 600) ink++;
      }
      expect(colours.size).toBeGreaterThan(20);
      expect(ink / (png.width * png.height)).toBeGreaterThan(0.01);

      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('shows a hostile series id as text: no script runs from it, the JSON keeps it whole', async () => {
    const testCase = cases.find((one) => one.name === 'overnight-month')!;
    const { page, problems } = await open(testCase.url);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(4);
    const labels = await page.$$eval('#calendar li.entry', (items) => items.map((item) => item.getAttribute('data-series')));
    expect(new Set(labels)).toEqual(new Set([hostile]));
    const output = JSON.parse(await page.$eval('#timeblocks-output', (element) => element.textContent ?? '')) as Array<{ seriesId: string }>;
    expect(output[0]!.seriesId).toBe(hostile);
    expect(await page.$eval('.describe', (element) => element.textContent)).toContain(hostile);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

it('the page file is self-contained: the bundle inlined, no URL to load', () => {
  const html = readFileSync(join(dir, 'dst-gap-week.html'), 'utf8');
  expect(html).not.toMatch(/\s(src|href)="(?!#)/);
  expect(html).not.toMatch(/@import|url\(/);
});
