import type { CliIo } from '../io.js';
import { check } from './check.js';
import { describe } from './describe.js';
import { importCalendar } from './import.js';
import { preview } from './preview.js';
import { slots } from './slots.js';

export type Command = (io: CliIo) => number;

export const commands: Record<string, Command | undefined> = {
  preview,
  describe,
  check,
  slots,
  import: importCalendar,
};

export const mainUsage = `Usage: timeblocks <command> [options]

Commands:
  preview    show the blocks of a series (from flags, a JSON file, or stdin);
             --format ics or rrule converts it to iCalendar or RFC 5545 text
  describe   print a series in plain English
  check      list conflicts within and across series; exit 1 when there are any
  slots      list free slots: availability minus busy blocks
  import     read an iCalendar file (.ics) and print its series and problems

Run timeblocks <command> --help for a command's options.
  --version  print the version

Exit codes: 0 done; 1 check found conflicts, or an internal error (please report it;
TIMEBLOCKS_DEBUG=1 adds the stack); 2 bad usage or input, explained in one line on stderr.
`;
