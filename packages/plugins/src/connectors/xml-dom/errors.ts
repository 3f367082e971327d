import { InputError } from '@hexiao/plugins/sdk';
/** Thrown for input that is not acceptable XML (malformed, truncated, DOCTYPE, undefined entity, too large). */
export class XmlInputError extends InputError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}
