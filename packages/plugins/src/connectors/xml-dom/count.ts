import { SaxesParser } from 'saxes';
import type { ConnectorInput } from '@hexiao/plugins/sdk';
import { xmlDecoderFor } from './decode.ts';

/**
 * Counts the documents in an XML input for the conformance kit's completeness check, by a path
 * independent of the tree-building scan: started document elements (so a truncated last one counts),
 * at least 1 (a file with none is reported as one rejection).
 */
export async function countXmlDocuments(
  input: ConnectorInput,
  isDocument: (ns: string, local: string, depth: number) => boolean,
): Promise<number> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let count = 0;
  let depth = 0;
  let inside = -1;
  let stop = false;
  parser.on('doctype', () => {
    stop = true;
  });
  parser.on('opentag', (tag) => {
    if (inside < 0 && isDocument(tag.uri ?? '', tag.local ?? tag.name, depth)) {
      count++;
      inside = depth;
    }
    depth++;
  });
  parser.on('closetag', () => {
    depth--;
    if (depth === inside) inside = -1;
  });
  let decoder: ReturnType<typeof xmlDecoderFor> | undefined;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  try {
    for await (const chunk of input.stream()) {
      if (stop) break;
      if (!decoder) {
        head.push(chunk);
        headBytes += chunk.byteLength;
        if (headBytes < 512) continue;
        decoder = xmlDecoderFor(Buffer.concat(head));
        parser.write(decoder.write(Buffer.concat(head)));
      } else parser.write(decoder.write(chunk));
    }
    if (!decoder && headBytes > 0) {
      decoder = xmlDecoderFor(Buffer.concat(head));
      parser.write(decoder.write(Buffer.concat(head)));
    }
    if (decoder && !stop) {
      parser.write(decoder.end());
      if (!stop) parser.close();
    }
  } catch {
    // an encoding error or a parser error after `stop`: the parse reports it as one rejection
  }
  return Math.max(1, count);
}
