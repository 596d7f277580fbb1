import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((match) => match[1]!);

describe('timeblocks/postgres boundaries', () => {
  it('the adapter imports no driver and no package at all: only the core, relatively', () => {
    const files = sourceFiles(join(root, 'src/postgres'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const specifier of importsOf(file)) expect(specifier, relative(root, file)).toMatch(/^\.\.?\//);
    }
  });

  it('the core imports nothing from the adapter', () => {
    const core = sourceFiles(join(root, 'src')).filter((file) => !/src\/(postgres|cli|testing)\//.test(file));
    for (const file of core) {
      for (const specifier of importsOf(file)) expect(specifier, relative(root, file)).not.toMatch(/postgres/);
    }
  });

  it('the built entry point exports the public names', async () => {
    const entry = (await import(join(root, 'dist/postgres/index.js'))) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual(
      [
        'BlockConflictError',
        'BookingConflictError',
        'DatabaseError',
        'OutsideAvailabilityError',
        'TransactionRetryError',
        'book',
        'cancelBooking',
        'findFreeSlots',
        'findStaleBlocks',
        'getSeries',
        'listBlocks',
        'listBookings',
        'moveBooking',
        'withTransaction',
        'UnexpectedBlockStatusError',
        'cancelSeries',
        'extendHorizon',
        'lockBlock',
        'migrate',
        'reconcileTzdata',
        'regenerate',
        'saveManySeries',
        'saveSeries',
        'schemaSql',
        'setBlockStatus',
      ].sort(),
    );
  });
});
