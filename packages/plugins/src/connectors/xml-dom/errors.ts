/** Thrown for input that is not acceptable XML (malformed, truncated, DOCTYPE, undefined entity, too large). */
export class XmlInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}
