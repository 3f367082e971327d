import type { ConnectorInput, ParseContext, ParseOutput, Position } from '@hexiao/plugins/sdk';
import type { XmlElement } from './element.ts';
import { XmlInputError } from './errors.ts';
import { scanXmlDocuments } from './scan.ts';
import { MappingError } from './mapping-error.ts';
import { AmountError } from './amount.ts';

export interface DocumentFormat {
  /** e.g. "a UBL 2.1 Invoice or CreditNote". */
  expected: string;
  isDocument(ns: string, local: string, depth: number): boolean;
  /** Maps one document element; throws MappingError/AmountError for a rejection. */
  map(el: XmlElement, position: Position): ParseOutput;
}

/**
 * Drives an XML document connector: yields one record or rejection per document element (a single document
 * or a batch in any wrapper); bad XML becomes a rejection after the documents read before it.
 */
export async function* parseXmlDocuments(
  input: ConnectorInput,
  ctx: ParseContext<{ maxBytes?: number }>,
  format: DocumentFormat,
): AsyncGenerator<ParseOutput> {
  let root: { ns: string; local: string } | undefined;
  let count = 0;
  try {
    const events = scanXmlDocuments(input, {
      isDocument: format.isDocument,
      maxBytes: ctx.config?.maxBytes,
      signal: ctx.signal,
    });
    for await (const ev of events) {
      if (ev.kind === 'root') {
        root = ev;
        continue;
      }
      count++;
      const position: Position = { index: ev.index, line: ev.element.line, xpath: ev.element.xpath };
      try {
        yield format.map(ev.element, position);
      } catch (err) {
        if (err instanceof MappingError || err instanceof AmountError)
          yield { rejected: { position, reason: err.message, field: err.field } };
        else throw err;
      }
    }
  } catch (err) {
    if (!(err instanceof XmlInputError)) throw err;
    const position: Position = { index: count, ...(err.line ? { line: err.line } : {}) };
    yield { rejected: { position, reason: `${input.name}: ${err.message}` } };
    return;
  }
  if (count === 0) {
    const what = root ? `root element {${root.ns}}${root.local}` : 'no root element';
    yield {
      rejected: {
        position: { index: 0, xpath: root ? `/${root.local}` : '/' },
        reason: `${input.name}: ${what} is not ${format.expected}`,
        field: 'root',
      },
    };
  }
}
