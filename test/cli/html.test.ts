import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { cli, embeddedJson, hostile, htmlArgs, jsonArgs, pageCases, root } from '../browser/fixtures.js';

/**
 * `--format html` without a browser: the embedded JSON is exactly `--format json`, the page
 * is the same bytes under every host TZ, it loads nothing, and user text cannot escape.
 * (test/browser runs the same pages in Chromium.)
 */

const dir = mkdtempSync(join(tmpdir(), 'timeblocks-html-'));
const cases = pageCases(dir);
const hosts = ['UTC', 'America/Los_Angeles', 'Pacific/Chatham'];

describe('--format html', () => {
  for (const page of cases) {
    it(`${page.name}: embeds exactly the --format json output, identical under every host TZ`, () => {
      const pages = hosts.map((tz) => cli(htmlArgs(page), tz, page.codes));
      for (const html of pages) expect(html).toBe(pages[0]);
      const html = pages[0]!;
      const json = JSON.parse(cli(jsonArgs(page, ...page.window), 'UTC', page.codes)) as unknown[];
      expect(json.length).toBeGreaterThan(0);
      expect(embeddedJson(html, 'timeblocks-output')).toEqual(json);
      // The view data holds what the page needs to recompute: zone, window, series or availability.
      const view = embeddedJson(html, 'timeblocks-view') as { zone: string; window: { from: number; to: number }; describe: string[] };
      expect(view.zone).toBe(page.name.startsWith('overnight') ? 'America/New_York' : 'Europe/Berlin');
      expect(view.window.to).toBeGreaterThan(view.window.from);
      for (const text of view.describe) expect(html).toContain(text.replaceAll('&', '&#38;').replaceAll('<', '&#60;').replaceAll('>', '&#62;'));
    });
  }

  it('embeds the drawn blocks too: for check, every series\' blocks in the window, as preview --format json gives them', async () => {
    const core = (await import(pathToFileURL(join(root, 'dist/index.js')).href)) as typeof import('../../src/index.js');
    const page = cases[2]!;
    const html = cli(htmlArgs(page), 'UTC', page.codes);
    const view = embeddedJson(html, 'timeblocks-view') as { window: { from: number; to: number }; source: { series: Array<{ series: unknown }> } };
    const blocks = view.source.series
      .flatMap((spec) => core.expand(core.defineSeries(spec.series as never), view.window))
      .sort(core.compareBlocks)
      .map((block) => ({ seriesId: block.seriesId, key: block.key, start: new Date(block.start).toISOString(), end: new Date(block.end).toISOString(), startMs: block.start, endMs: block.end }));
    expect(blocks.length).toBeGreaterThan(5);
    expect(embeddedJson(html, 'timeblocks-blocks')).toEqual(blocks);
    // For preview the drawn blocks are its --format json output itself.
    const preview = cli(htmlArgs(cases[0]!));
    expect(embeddedJson(preview, 'timeblocks-blocks')).toEqual(embeddedJson(preview, 'timeblocks-output'));
  });

  it('is one self-contained document: four scripts (three JSON, one inline module), a CSP, no URL loaded', () => {
    const html = cli(htmlArgs(cases[0]!));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect([...html.matchAll(/<script\b/g)]).toHaveLength(4);
    expect(html).toMatch(/<script type="module">[^<]*(<(?!\/script>)[^<]*)*<\/script>\n<\/body>/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|url\(|https?:\/\//);
  });

  it('has table semantics: captions, column and row headers with machine-readable dates', () => {
    const html = cli(htmlArgs(cases[2]!), 'UTC', [1]);
    expect(html).toContain('<caption>Mon 24 Mar 2025 – Sun 30 Mar 2025 (Europe/Berlin)</caption>');
    expect(html).toContain('<th scope="col">studio</th><th scope="col">office &#60;b&#62;&#38;&#60;/b&#62;</th>');
    expect(html).toContain('<th scope="row"><time datetime="2025-03-26">Wed 26 Mar</time></th>');
    // Conflicts and DST notes are words, not only colour.
    expect(html).toMatch(/data-series="yoga" data-key="2025-03-26T18:00"[^>]*>.*?<strong class="flag">conflict<\/strong>/);
    const gap = cli(htmlArgs(cases[0]!));
    expect(gap).toContain('<li id="note-1">start shifted: 02:30 does not exist; end rebuilt: nominal length kept</li>');
    expect(gap).toMatch(/<sup><a href="#note-1" aria-label="DST note 1">1<\/a><\/sup>/);
  });

  it('escapes a hostile id everywhere: in the text, the attributes and the JSON', () => {
    const html = cli(htmlArgs(cases[1]!));
    // Only the page's own four scripts close; the id's </script> and <!-- never appear raw.
    expect([...html.matchAll(/<\/script>/g)]).toHaveLength(4);
    expect(html.split('\n').filter((line) => line.includes('<!--'))).toEqual([]);
    expect(html).toContain('data-series="x&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;!--"');
    expect((embeddedJson(html, 'timeblocks-output') as Array<{ seriesId: string }>)[0]!.seriesId).toBe(hostile);
  });

  it('an HTML page of a window of more than 24 months is a one-line error, exit 2', () => {
    const page = cases[0]!;
    const result = (() => {
      try {
        cli([...page.base, '--from', '2025-01-01', '--to', '2030-01-01', '--view', 'month', '--format', 'html']);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(result).toMatch(/exited 2: timeblocks: --view month: the window spans more than 24 months; narrow --from\/--to\n$/);
  });
});
