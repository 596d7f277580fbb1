import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Runtime `dependencies` hold only what `dist/` imports, and `dist/` imports nothing
 * undeclared: whatever a user installs with timeblocks is used by it, and nothing it needs
 * is missing. Oracles and peers of the tests and benchmarks (luxon, rrule, …) are
 * devDependencies. `dist/` is built by the suite's global setup.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

/** The specifiers of every static import/export-from, side-effect import and dynamic import in `code`. */
export function importSpecifiers(code: string): string[] {
  const pattern = /(?:^|[\s;}])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...code.matchAll(pattern)].map((match) => (match[1] ?? match[2])!);
}

/** `zod/mini` → `zod`, `@scope/name/sub` → `@scope/name`; undefined for relative paths and Node built-ins. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

const imported = new Set(jsFiles(join(root, 'dist')).flatMap((file) => importSpecifiers(readFileSync(file, 'utf8')).flatMap((s) => packageOf(s) ?? [])));

describe('runtime dependencies', () => {
  it('reads the imports of compiled code', () => {
    expect(importSpecifiers(`import * as z from 'zod/mini';\nimport { a } from "./a.js";\nexport { b } from '@s/p/x';\nimport 'side';\nconst m = await import('pg');`)).toEqual([
      'zod/mini',
      './a.js',
      '@s/p/x',
      'side',
      'pg',
    ]);
    expect(['zod/mini', '@s/p/x', './a.js', 'node:fs', 'fs'].map(packageOf)).toEqual(['zod', '@s/p', undefined, undefined, undefined]);
  });

  it('every declared runtime dependency is imported somewhere in dist/', () => {
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
  });

  it('every package dist/ imports is declared in dependencies or peerDependencies', () => {
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
  });
});
