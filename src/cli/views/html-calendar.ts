import { epochDaysToCivil, epochDaysToWeekday } from '../../time/civil.js';
import { formatLocalDate } from '../../time/local-format.js';
import type { CalendarModel, Entry, Period } from './calendar-model.js';
import { escapeHtml as esc } from './html-escape.js';
import { dayLabel } from './period.js';

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * One entry as a list item. The data attributes carry the instants (epoch ms), series id
 * and key, so scripts and tests read exactly what is drawn; the words "conflict" and the
 * note number make the marks readable without colour.
 */
function entryHtml(entry: Entry, resource: string): string {
  const { item } = entry;
  const classes = ['entry', ...(item.conflict ? ['conflict'] : []), ...(entry.note !== 0 ? ['dst'] : []), ...(entry.continued ? ['continued'] : [])];
  const attributes = [
    `class="${classes.join(' ')}"`,
    `data-series="${esc(item.seriesId)}"`,
    `data-key="${esc(item.key)}"`,
    `data-start="${item.start}"`,
    `data-end="${item.end}"`,
    ...(resource === '' ? [] : [`data-resource="${esc(resource)}"`]),
    ...(entry.continued ? ['data-continued=""'] : []),
  ];
  const parts = [`<span class="time">${esc(entry.time)}</span>`];
  if (resource !== '') parts.push(`<span class="resource">${esc(resource)}</span>`);
  if (item.label !== '') parts.push(`<span class="label">${esc(item.label)}</span>`);
  if (entry.note !== 0) parts.push(`<sup><a href="#note-${entry.note}" aria-label="DST note ${entry.note}">${entry.note}</a></sup>`);
  if (item.conflict) parts.push('<strong class="flag">conflict</strong>');
  return `<li ${attributes.join(' ')}>${parts.join(' ')}</li>`;
}

function entriesHtml(entries: ReadonlyArray<{ entry: Entry; resource: string }>): string {
  return entries.length === 0 ? '' : `<ul>${entries.map(({ entry, resource }) => entryHtml(entry, resource)).join('')}</ul>`;
}

function dayHeading(day: number, text: string): string {
  return `<time datetime="${formatLocalDate(day)}">${esc(text)}</time>`;
}

/** A week: one row per day (a row header), one column per resource (column headers). */
function weekTable(model: CalendarModel, period: Period): string {
  const several = model.columns.length > 1;
  const heads = several ? model.columns.map((name) => `<th scope="col">${esc(name)}</th>`).join('') : '<th scope="col">Blocks</th>';
  const rows = period.days.map(({ day, cells }) => {
    const tds = cells.map((cell) => `<td>${entriesHtml(cell.map((entry) => ({ entry, resource: '' })))}</td>`).join('');
    return `<tr><th scope="row">${dayHeading(day, dayLabel(day).replace(/ {2}/, ' '))}</th>${tds}</tr>`;
  });
  return `<table class="week"><caption>${esc(period.title)} (${esc(model.zone)})</caption><thead><tr><th scope="col">Day</th>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A month: Monday-first weeks as rows, weekdays as column headers; each cell the day's entries, resource named. */
function monthTable(model: CalendarModel, period: Period): string {
  const several = model.columns.length > 1;
  const lead = epochDaysToWeekday(period.first);
  const rows: string[] = [];
  for (let week = 0; week * 7 < lead + period.days.length; week++) {
    const tds = Array.from({ length: 7 }, (_, d) => {
      const row = period.days[week * 7 + d - lead];
      if (row === undefined) return '<td class="outside"></td>';
      const entries = row.cells
        .flatMap((cell, column) => cell.map((entry) => ({ entry, resource: several ? model.columns[column]! : '' })))
        .sort((a, b) => a.entry.item.start - b.entry.item.start);
      return `<td><div class="date">${dayHeading(row.day, String(epochDaysToCivil(row.day).day))}</div>${entriesHtml(entries)}</td>`;
    });
    rows.push(`<tr>${tds.join('')}</tr>`);
  }
  const heads = weekdayNames.map((name) => `<th scope="col"><abbr title="${name}">${name.slice(0, 3)}</abbr></th>`).join('');
  return `<table class="month"><caption>${esc(period.title)} (${esc(model.zone)})</caption><thead><tr>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The calendar as HTML: a table per week or month, then the DST notes and the conflicts. Every text is escaped. */
export function calendarHtml(model: CalendarModel): string {
  const tables = model.periods.map((period) => (model.span.kind === 'week' ? weekTable(model, period) : monthTable(model, period)));
  const parts = [...tables];
  if (model.notes.length > 0) {
    const items = model.notes.map((note, i) => `<li id="note-${i + 1}">${esc(note)}</li>`).join('');
    parts.push(`<section class="notes"><h2>DST notes</h2><ol>${items}</ol></section>`);
  }
  if (model.conflicts === undefined) return parts.join('\n');
  parts.push(
    model.conflicts.length === 0
      ? '<section class="conflicts"><h2>Conflicts</h2><p>None in this window.</p></section>'
      : `<section class="conflicts"><h2>Conflicts: ${model.conflicts.length}</h2><ul>${model.conflicts.map((text) => `<li>${esc(text)}</li>`).join('')}</ul></section>`,
  );
  return parts.join('\n');
}
