import type { Series } from '../series/types.js';

/**
 * Output formats that render series rather than blocks (`ics`, `rrule`); filled in by the
 * interop module.
 */
export const formatters: Record<string, ((series: readonly Series[]) => string) | undefined> = {};
