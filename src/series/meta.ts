/**
 * `meta`: plain JSON data a series carries for its owner (an imported event's SUMMARY,
 * LOCATION, TRANSP…). The core never reads it; it is validated, copied and frozen so a
 * series stays plain, bounded, immutable data.
 */

/** Plain JSON data carried on a series; see `Series.meta`. */
export type SeriesMeta = Readonly<Record<string, unknown>>;

/** Largest `meta`, as JSON text. */
export const maxMetaJsonLength = 64 * 1024;
/** Deepest nesting of objects and arrays inside `meta`. */
export const maxMetaDepth = 16;

/** Why `value` is not a valid `meta` (a JSON object within the caps), or undefined when it is. Walks without recursion. */
export function metaProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object of plain JSON data';
  const stack: Array<[unknown, number]> = [[value, 1]];
  let size = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++size > maxMetaJsonLength) return `is larger than ${maxMetaJsonLength} JSON characters`;
    if (item === null || typeof item === 'boolean' || typeof item === 'string') {
      size += typeof item === 'string' ? item.length : 4;
      continue;
    }
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'holds a number that is not finite (not JSON)';
      continue;
    }
    if (typeof item !== 'object') return `holds a ${typeof item}, which is not JSON data`;
    if (depth > maxMetaDepth) return `is nested deeper than ${maxMetaDepth} levels`;
    const proto = Object.getPrototypeOf(item);
    if (!Array.isArray(item) && proto !== Object.prototype && proto !== null) return 'holds an object that is not plain JSON data (a Date, a Map, a class instance…)';
    for (const key in item) {
      if (!Object.hasOwn(item, key)) continue;
      size += key.length + 1;
      // Checked as it grows, so an object with a million keys is refused without listing them all.
      if (size > maxMetaJsonLength) return `is larger than ${maxMetaJsonLength} JSON characters`;
      stack.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
  if (JSON.stringify(value).length > maxMetaJsonLength) return `is larger than ${maxMetaJsonLength} JSON characters`;
  return undefined;
}

/** A deep, frozen copy of valid `meta`. */
export function freezeMeta(value: SeriesMeta): SeriesMeta {
  const copy = JSON.parse(JSON.stringify(value)) as SeriesMeta;
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'object' && item !== null) {
      Object.freeze(item);
      for (const child of Object.values(item)) stack.push(child);
    }
  }
  return copy;
}
