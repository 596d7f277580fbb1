import { readFileSync } from 'node:fs';
import { ExpansionLimitError, TimeblocksError } from '../errors.js';
import { CliError, exitCodes } from './cli-error.js';
import type { CliIo } from './io.js';
import { commands, mainUsage } from './commands/index.js';

/** The package version, read from package.json next to dist/. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr, never a stack trace. */
export function run(io: CliIo): number {
  const [name, ...rest] = io.args;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(mainUsage);
      return name === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (name === '--version' || name === '-v' || rest.includes('--version')) {
      io.stdout(`${version()}\n`);
      return exitCodes.ok;
    }
    const command = commands[name];
    if (command === undefined) throw new CliError(`unknown command "${name}" (try: ${Object.keys(commands).join(', ')}, or --help)`);
    return command({ ...io, args: rest });
  } catch (error) {
    const message = messageOf(error);
    if (message !== undefined) {
      io.stderr(`timeblocks: ${message}\n`);
      return exitCodes.usage;
    }
    // Not bad input but a bug (or an I/O failure no command expects): one line, exit 1.
    const text = error instanceof Error ? error.message : String(error);
    io.stderr(`timeblocks: internal error: ${text.replace(/\n\s*/g, ' ')} (please report)\n`);
    if (io.debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return exitCodes.internal;
  }
}

/** The one-line message of a bad-input error; undefined for anything else (an internal error). */
function messageOf(error: unknown): string | undefined {
  // The library's option is `limit`; on the command line it is `--limit`.
  if (error instanceof ExpansionLimitError) return error.message.replace(`\`${error.field}\``, '--limit');
  if (error instanceof CliError || error instanceof TimeblocksError) return error.message.replace(/\n\s*/g, ' ');
  // node:util parseArgs errors: unknown options, missing values.
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return error.message;
  return undefined;
}
