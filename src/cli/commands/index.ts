import type { CliIo } from '../io.js';
import { preview } from './preview.js';

export type Command = (io: CliIo) => number;

export const commands: Record<string, Command | undefined> = {
  preview,
};

export const mainUsage = `Usage: timeblocks <command> [options]

Commands:
  preview    show the blocks of a series (from flags, a JSON file, or stdin)

Run timeblocks <command> --help for a command's options.
  --version  print the version
`;
