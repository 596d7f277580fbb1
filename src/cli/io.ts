import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';

/** What a command may touch: its arguments, its input, its output. Nothing else. */
export interface CliIo {
  readonly args: readonly string[];
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
  /** Colour is used only on a terminal and when NO_COLOR is unset. */
  readonly color: boolean;
  /** The terminal's width when stdout is one; calendars use it when wider than 80 columns. */
  readonly columns?: number;
  /** Unexpected errors also print their stack (TIMEBLOCKS_DEBUG=1). Default false. */
  readonly debug?: boolean;
}

/** The text of a file, or of stdin for `-`; an unreadable file is a one-line error. */
export function readSource(io: CliIo, path: string): string {
  if (path === '-') return io.readStdin();
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new CliError(`${path}: ${reason}`);
  }
}

/** Parses JSON input, naming the source when it is not JSON. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}
