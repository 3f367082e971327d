import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ConnectorInput } from '@hexiao/plugins/sdk';
import type { XmlElement } from './element.ts';
import { XmlInputError } from './errors.ts';
import { xmlDecoderFor, type TextDecoderLike } from './decode.ts';

export interface ScanOptions {
  /** True for an element that starts one document (an Invoice, an Order…). Checked outside documents only. */
  isDocument(ns: string, local: string, depth: number): boolean;
  /** Refuse inputs larger than this many bytes (default 100 MB). */
  maxBytes?: number;
  /** Refuse a single document with more elements than this (default 200,000). */
  maxElements?: number;
  signal?: AbortSignal;
}

export type ScanEvent =
  { kind: 'root'; ns: string; local: string; line: number } | { kind: 'document'; element: XmlElement; index: number };

interface Frame {
  name: string;
  counts: Map<string, number>;
  xpath: string;
}

/**
 * Streams an XML input and yields each document element as a small tree, one at a time, so a batch of
 * 10,000 invoices never sits in memory whole. Refuses any DOCTYPE and never resolves entities beyond the
 * five XML predefined ones (saxes reports any other entity as an error). Throws XmlInputError.
 */
export async function* scanXmlDocuments(input: ConnectorInput, opts: ScanOptions): AsyncGenerator<ScanEvent> {
  const maxBytes = opts.maxBytes ?? 100 * 1024 * 1024;
  const maxElements = opts.maxElements ?? 200_000;
  // saxes' own position tracking costs about a quarter of the parse: lines (LF) are counted here instead,
  // from saxes' index into the current chunk, only up to where a tag starts.
  const parser = new SaxesParser({ xmlns: true, position: false });
  const loc = { chunk: '', scanned: 0, line: 1 };
  const lineAt = (i: number) => {
    let k = loc.chunk.indexOf('\n', loc.scanned);
    while (k !== -1 && k < i) {
      loc.line++;
      k = loc.chunk.indexOf('\n', k + 1);
    }
    if (i > loc.scanned) loc.scanned = i;
    return loc.line;
  };
  const parserIndex = () => (parser as unknown as { i: number }).i;
  const queue: ScanEvent[] = [];
  const frames: Frame[] = [];
  let capture: XmlElement[] = [];
  let captured = 0;
  let docIndex = 0;
  let failure: XmlInputError | undefined;

  const fail = (message: string) => {
    failure ??= new XmlInputError(message, lineAt(parserIndex()));
  };
  parser.on('doctype', () => fail('DOCTYPE is not allowed (entity expansion and external entities are refused)'));
  let startLine = 1;
  parser.on('opentagstart', () => {
    // saxes reports this after the name and one more character (which may be a newline).
    startLine = lineAt(parserIndex() - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failure) return;
    const ns = tag.uri ?? '';
    const local = tag.local ?? tag.name;
    if (capture.length > 0) {
      if (++captured > maxElements) return fail(`document has more than ${maxElements} elements`);
      const el = makeElement(tag, ns, local, startLine);
      capture[capture.length - 1]!.children.push(el);
      capture.push(el);
      return;
    }
    const parent = frames[frames.length - 1];
    const n = (parent?.counts.get(local) ?? 0) + 1;
    parent?.counts.set(local, n);
    const xpath = `${parent?.xpath ?? ''}/${local}${parent && n > 1 ? `[${n}]` : ''}`;
    if (frames.length === 0) queue.push({ kind: 'root', ns, local, line: startLine });
    if (opts.isDocument(ns, local, frames.length)) {
      const el = makeElement(tag, ns, local, startLine);
      el.xpath = xpath;
      capture = [el];
      captured = 1;
      return;
    }
    frames.push({ name: local, counts: new Map(), xpath });
  });
  const onText = (t: string) => {
    const top = capture[capture.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (failure) return;
    if (capture.length > 0) {
      const el = capture.pop()!;
      if (capture.length === 0) queue.push({ kind: 'document', element: el, index: docIndex++ });
      return;
    }
    frames.pop();
  });

  let decoder: TextDecoderLike | undefined;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let total = 0;
  // No 'error' handler: with one registered saxes runs several times slower; it throws instead.
  const guarded = (run: () => void) => {
    try {
      run();
    } catch (err) {
      fail(`not well-formed XML: ${(err as Error).message}`);
    }
  };
  const write = (text: string) => {
    lineAt(loc.chunk.length);
    loc.chunk = text;
    loc.scanned = 0;
    guarded(() => parser.write(text));
  };
  const feed = (bytes: Uint8Array) => {
    const text = decoder!.write(bytes);
    if (text) write(text);
  };
  for await (const chunk of input.stream()) {
    // Cancellation is not a property of the file: it propagates instead of becoming a rejection.
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('parse aborted');
    total += chunk.byteLength;
    if (total > maxBytes) throw new XmlInputError(`input is larger than ${maxBytes} bytes`);
    if (!decoder) {
      // The encoding is read from the BOM or the XML declaration: wait for enough bytes to see it.
      head.push(chunk);
      headBytes += chunk.byteLength;
      if (headBytes < 512) continue;
      const first = Buffer.concat(head);
      head = [];
      decoder = xmlDecoderFor(first);
      feed(first);
    } else feed(chunk);
    if (failure) break;
    while (queue.length > 0) yield queue.shift()!;
  }
  if (!failure) {
    if (!decoder) {
      if (headBytes === 0) throw new XmlInputError('empty input: not XML');
      const first = Buffer.concat(head);
      decoder = xmlDecoderFor(first);
      feed(first);
    }
    const rest = failure ? '' : decoder.end();
    if (rest) write(rest);
    lineAt(loc.chunk.length);
    if (!failure) guarded(() => parser.close());
  }
  while (queue.length > 0) yield queue.shift()!;
  if (failure) throw failure;
}

const noAttrs: Record<string, string> = Object.freeze({}) as Record<string, string>;

function makeElement(tag: SaxesTagNS, ns: string, local: string, line: number): XmlElement {
  let attrs = noAttrs;
  for (const key in tag.attributes) {
    const a = tag.attributes[key]!;
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    if (attrs === noAttrs) attrs = {};
    attrs[a.local || a.name] = a.value;
  }
  return { ns, local, attrs, children: [], text: '', line };
}
