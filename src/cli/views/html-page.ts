import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import type { CalendarModel } from './calendar-model.js';
import { calendarHtml } from './html-calendar.js';
import { escapeHtml as esc, jsonForScript } from './html-escape.js';
import { spanTitle } from './period.js';
import type { ViewData } from './view-data.js';

/** The bundled page script (core included), built by `npm run build` next to the CLI. */
function pageScript(): string {
  try {
    return readFileSync(new URL('../../browser/page.js', import.meta.url), 'utf8');
  } catch {
    throw new Error('dist/browser/page.js is missing: run npm run build');
  }
}

const styles = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.4; }
body { margin: 0; color: #1a1a1a; background: #fff; }
main { padding: 1.2rem 1.5rem; max-width: 72rem; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.describe { margin: 0 0 1rem; padding-left: 1.2rem; }
nav { display: flex; gap: .8rem; align-items: center; margin: .5rem 0 1rem; }
nav button { font: inherit; padding: .3rem .8rem; border: 1px solid #555; border-radius: 4px; background: #f4f4f4; cursor: pointer; }
table { border-collapse: collapse; margin-bottom: 1.2rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f6; }
tbody th { white-space: nowrap; font-weight: 500; }
table.month td { height: 4.5rem; width: 14%; }
td.outside { background: #f6f6f6; }
.date { font-weight: 600; }
ul { list-style: none; margin: 0; padding: 0; }
.describe, .conflicts ul { list-style: disc; padding-left: 1.2rem; }
li.entry { margin: .1rem 0; padding: .05rem .3rem; border-left: 3px solid #3b6fb6; background: #eef4fc; }
li.entry.dst { border-left-color: #b07a00; background: #fff6dd; }
li.entry.conflict { border-left: 3px double #b00020; background: #fde8eb; }
.time { font-variant-numeric: tabular-nums; font-weight: 600; }
.resource { font-style: italic; }
.flag { color: #b00020; text-transform: uppercase; font-size: .8em; }
#problem { color: #b00020; }
details pre { max-height: 20rem; overflow: auto; background: #f6f6f6; padding: .5rem; }
`;

/**
 * The self-contained HTML page of a view: the calendar drawn here (readable without
 * script), the series' descriptions, the command's `--format json` output and the drawn
 * blocks embedded for reuse, the view's data, and the bundled core that redraws it for the previous or next
 * week or month. A Content-Security-Policy allows nothing from the network: only the
 * inline style and the one inline script, by its hash.
 */
export function formatHtmlPage(model: CalendarModel, data: ViewData, result: { json: unknown; blocks: unknown }, title: string): string {
  const output = result.json;
  const script = pageScript();
  if (/<\/script|<!--/i.test(script)) throw new CliError('internal: the page script contains </script or <!--');
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const unit = data.span.kind;
  const describe = data.describe.map((text) => `<li>${esc(text)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeblocks">
<title>${esc(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<ul class="describe">${describe}</ul>
<nav aria-label="Window">
<button type="button" id="previous" disabled>← Previous ${unit}</button>
<span id="window-title" aria-live="polite">${esc(spanTitle(data.span))}</span>
<button type="button" id="next" disabled>Next ${unit} →</button>
</nav>
<p id="problem" role="alert"></p>
<div id="calendar">
${calendarHtml(model)}
</div>
<details><summary>Data (JSON, as <code>--format json</code> prints it)</summary><pre id="json-text">${esc(JSON.stringify(output, null, 2))}</pre></details>
</main>
<script type="application/json" id="timeblocks-output">
${jsonForScript(output)}
</script>
<script type="application/json" id="timeblocks-blocks">
${jsonForScript(result.blocks)}
</script>
<script type="application/json" id="timeblocks-view">
${jsonForScript(data)}
</script>
<script type="module">${script}</script>
</body>
</html>
`;
}
