import type { parseArgs, ParseArgsConfig } from 'node:util';
import type { Output } from './output.ts';

export type ParsedArgs = ReturnType<typeof parseArgs>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code; throws for a one-line failure. */
  run(args: ParsedArgs, out: Output): Promise<number>;
}
