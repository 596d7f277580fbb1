#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { run } from './main.js';

// A reader that went away (`timeblocks preview … | head -1`) is not an error: stop writing
// quietly and exit 0, as cat and grep do. Anything else on stdout is reported in one line.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  stdoutClosed = true;
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`timeblocks: cannot write output: ${error.message}\n`);
  process.exit(1);
});

// The `timeblocks` executable: the real process's arguments, streams and terminal.
process.exitCode = run({
  args: process.argv.slice(2),
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  debug: process.env.TIMEBLOCKS_DEBUG === '1',
});
