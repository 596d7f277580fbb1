#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { run } from './main.js';

// The `timeblocks` executable: the real process's arguments, streams and terminal.
process.exitCode = run({
  args: process.argv.slice(2),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
});
