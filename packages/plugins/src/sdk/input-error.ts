const inputErrorBrand = Symbol.for('hexiao:input-error');

/**
 * The input cannot be read further — malformed, truncated, in an unknown encoding, over a limit: the file's
 * fault, not the connector's. `parse` throws it (or a subclass) for bad bytes; the importer keeps what was
 * complete and reports the rest as unreadable. Anything else a connector throws is reported as a bug in the
 * connector, naming its id and version, and the import writes nothing.
 */
export class InputError extends Error {
  readonly [inputErrorBrand] = true as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/**
 * Whether `e` says the input is unreadable: an InputError from any copy of the SDK (checked by brand, not
 * instanceof), or the SyntaxError of JSON.parse on bad text.
 */
export function isInputError(e: unknown): boolean {
  if (e instanceof SyntaxError) return true;
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[inputErrorBrand] === true;
}
