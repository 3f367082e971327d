/** CLI output: human text on stderr/stdout, or exactly one JSON document on stdout with --json. */
export interface Output {
  json: boolean;
  /** The command's result: printed as JSON, or through `human` as text. */
  result(value: unknown, human?: (value: any) => string): void;
  info(message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else process.stdout.write(`${human ? human(value) : JSON.stringify(value, null, 2)}\n`);
    },
    info(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}
