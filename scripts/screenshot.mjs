// npm run screenshot: the README's picture of the HTML page. Runs the built CLI on
// examples/rooms.json (`check --by resource --format html`, the README's week), opens the
// page in headless Chromium (Debian's `chromium`; CHROMIUM_PATH overrides) and saves a
// PNG of it to docs/images/week-view.png. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs/images/week-view.png');
const args = ['check', 'examples/rooms.json', '--by', 'resource', '--from', '2025-03-24', '--format', 'html'];

let html;
try {
  html = execFileSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
} catch (error) {
  // check exits 1 when it finds conflicts; the page is still its output.
  if (error.status !== 1) throw error;
  html = error.stdout;
}
const work = mkdtempSync(join(tmpdir(), 'timeblocks-screenshot-'));
const page = join(work, 'week.html');
writeFileSync(page, html);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  userDataDir: join(work, 'profile'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 960, height: 700, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
  await tab.waitForSelector('#next:not([disabled])');
  mkdirSync(join(root, 'docs/images'), { recursive: true });
  const main = await tab.$('main');
  await main.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
