/**
 * A record converted once by `prepare`: the original data plus exact values keyed by `var` path
 * (money as exact decimals, dates as day numbers). Rules read `data` as usual; receivables
 * operations whose argument is a plain `var` read the converted value instead of re-parsing.
 */
export class PreparedRecord {
  constructor(
    readonly data: unknown,
    readonly values: Readonly<Record<string, unknown>>,
  ) {}
}
