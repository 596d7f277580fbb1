import { readFileSync } from 'node:fs';
import { ExpansionLimitError, InvalidArgumentError, TimeblocksError } from '../errors.js';
import { CliError, exitCodes } from './cli-error.js';
import { cutText, escapeInvisible } from '../show-value.js';
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
    // Asked for, help is output (stdout, exit 0); without a command it is a usage error (stderr, exit 2).
    if (name === undefined) {
      io.stderr(mainUsage);
      return exitCodes.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(mainUsage);
      return exitCodes.ok;
    }
    if (name === '--version' || name === '-v' || rest.includes('--version')) {
      io.stdout(`${version()}\n`);
      return exitCodes.ok;
    }
    const command = commands[name];
    if (command === undefined) throw new CliError(`unknown command "${name}" (try: ${Object.keys(commands).join(', ')}, or --help)`);
    return command({ ...io, args: rest });
  } catch (error) {
    const message = messageOf(error, name!);
    if (message !== undefined) {
      io.stderr(`timeblocks: ${oneLine(message)}\n`);
      return exitCodes.usage;
    }
    // Not bad input but a bug (or an I/O failure no command expects): one line, exit 1.
    const text = error instanceof Error ? error.message : String(error);
    io.stderr(`timeblocks: internal error: ${oneLine(text.replace(/\n\s*/g, ' '))} (please report)\n`);
    if (io.debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return exitCodes.internal;
  }
}

/** Most characters of the one line an error prints. */
const maxErrorChars = 2000;

/** An error line as printed: invisible characters escaped (ids and values may hold them), cut when long. */
function oneLine(message: string): string {
  return cutText(escapeInvisible(message), maxErrorChars);
}

/** Library option names that are flags of the same name on the command line. */
const flagOfOption: Record<string, string> = { from: '--from', to: '--to', limit: '--limit' };

/**
 * The one-line message of a bad-input error, naming flags as the user typed them;
 * undefined for anything else (an internal error).
 */
function messageOf(error: unknown, command: string): string | undefined {
  // The library's option is `limit`; on the command line it is `--limit`.
  if (error instanceof ExpansionLimitError) return error.message.replace(`\`${error.field}\``, '--limit');
  if (error instanceof InvalidArgumentError && flagOfOption[error.field] !== undefined) {
    return `${flagOfOption[error.field]}${error.message.slice(error.field.length)}`.replace(/\n\s*/g, ' ');
  }
  if (error instanceof CliError || error instanceof TimeblocksError) return error.message.replace(/\n\s*/g, ' ');
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return parseArgsMessage(error, command);
  return undefined;
}

/** node:util parseArgs errors (long, sometimes several sentences) as one short line naming the flag. */
function parseArgsMessage(error: Error & { code?: unknown }, command: string): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  // "--from <value>" or "-h, --help": the long flag is the one the user reads in --help.
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${flag}: unknown option (see timeblocks ${command} --help)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}" (${command} takes only options; see timeblocks ${command} --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(error.message)) return `${flag}: needs a value`;
      if (/does not take an argument/.test(error.message)) return `${flag}: takes no value`;
  }
  return error.message.replace(/\n\s*/g, ' ');
}
