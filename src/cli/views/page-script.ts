// The script of the HTML page, bundled with the core into dist/browser/page.js by
// scripts/build-browser.mjs and inlined by the CLI. It recomputes the view for another
// window with the same functions the CLI used, so the browser shows the same instants.
import { defineSeries } from '../../series/define.js';
import type { SeriesInput } from '../../series/types.js';
import type { SeriesSpec } from '../resource-slots.js';
import { calendarModel } from './calendar-model.js';
import { calendarHtml } from './html-calendar.js';
import { shiftPeriod, spanTitle, spanWindow, type Span } from './period.js';
import { computeView, type ViewData, type ViewSource } from './view-data.js';

/** The little of the DOM this script uses (the package is compiled without DOM types). */
interface PageElement {
  textContent: string | null;
  innerHTML: string;
  disabled: boolean;
  addEventListener(type: 'click', listener: () => void): void;
}

const page = (globalThis as unknown as { document: { getElementById(id: string): PageElement | null } }).document;
const element = (id: string): PageElement => {
  const found = page.getElementById(id);
  if (found === null) throw new Error(`timeblocks page: no #${id}`);
  return found;
};

/** Series arrive as JSON; `defineSeries` makes them series again (and checks them). */
function revive(source: ViewSource): ViewSource {
  const again = (specs: readonly SeriesSpec[]) => specs.map((spec) => ({ ...spec, series: defineSeries(spec.series as unknown as SeriesInput) }));
  if (source.command === 'slots') return { ...source, availability: again(source.availability), busy: { ...source.busy, series: again(source.busy.series) } };
  return { ...source, series: again(source.series) };
}

const data = JSON.parse(element('timeblocks-view').textContent ?? '') as ViewData;
const source = revive(data.source);
/** The view on show, for scripts and tests: its span, window, `--format json` output and drawn blocks. */
const state = globalThis as unknown as { timeblocksView: { span: Span; window: { from: number; to: number }; json: unknown; blocks: unknown } };
const embedded = (id: string): unknown => JSON.parse(element(id).textContent ?? '');
state.timeblocksView = { span: data.span, window: data.window, json: embedded('timeblocks-output'), blocks: embedded('timeblocks-blocks') };

/** Draws the span's whole periods, computed here in the browser. */
function show(span: Span): void {
  const window = spanWindow(data.zone, span);
  try {
    const result = computeView(source, window);
    element('calendar').innerHTML = calendarHtml(calendarModel(data.zone, span, result));
    element('window-title').textContent = spanTitle(span);
    element('problem').textContent = '';
    state.timeblocksView = { span, window, json: result.json, blocks: result.blocks };
  } catch (error) {
    element('problem').textContent = error instanceof Error ? error.message : String(error);
  }
}

for (const [id, steps] of [['previous', -1], ['next', 1]] as const) {
  const button = element(id);
  button.disabled = false;
  button.addEventListener('click', () => {
    const { span } = state.timeblocksView;
    show({ ...span, first: shiftPeriod(span.kind, span.first, steps) });
  });
}
