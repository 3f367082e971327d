import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeStream } from './decode.ts';
import { InputError } from './input-error.ts';

/** A captured element as a small plain object (local names, prefixes dropped). */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  /** Trimmed text directly inside the element (text of children is on the children). */
  text: string;
  children: XmlNode[];
}

export type XmlEvent =
  /** The document element, before anything inside it. `namespace` is its default (or prefixed) namespace URI. */
  | { kind: 'root'; name: string; namespace?: string; attrs: Record<string, string>; line: number }
  /** A captured subtree, complete, when its end tag was read. */
  | { kind: 'node'; path: string; xpath: string; node: XmlNode; index: number; line: number }
  /** The end of an element listed in `closes` (e.g. a statement, after its entries). */
  | { kind: 'close'; path: string; xpath: string; line: number };

export interface StreamXmlOptions {
  /**
   * Element paths to capture, as local names from the root: `Document/BkToCstmrStmt/Stmt/Ntry`. A last
   * segment `*` captures every child of that element not captured by a more specific path.
   */
  capture: string[];
  /** Element paths whose end is reported as a `close` event. */
  closes?: string[];
  /** Text encoding when there is no BOM and no XML declaration (default UTF-8). */
  encoding?: string;
  /** Maximum element depth (default 64). */
  maxDepth?: number;
  /** Maximum number of elements in one captured subtree (default 100,000). */
  maxSubtreeElements?: number;
}

/** Why a document could not be read further; carries the position where the parser stopped. */
export class XmlStreamError extends InputError {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly kind: 'refused' | 'malformed' | 'truncated' | 'limit',
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'XmlStreamError';
  }
}

/** Shared by every element without children (it is frozen: never push into a captured node). */
const noChildren: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
};

/** Reads the encoding from an XML declaration in the first bytes, if any. */
function declaredEncoding(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 200)).toString('latin1');
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  return m?.[1];
}

async function* withEncoding(stream: AsyncIterable<Uint8Array>, fallback: string): AsyncGenerator<string> {
  const it = stream[Symbol.asyncIterator]();
  // Gather enough bytes to read the XML declaration, however small the first chunks are.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 256) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    head.push(n.value);
    headBytes += n.value.byteLength;
  }
  if (headBytes === 0) return;
  const joined = Buffer.concat(head);
  const encoding = declaredEncoding(joined) ?? fallback;
  async function* rest() {
    yield new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
    if (done) return;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  yield* decodeStream(rest(), encoding);
}

/**
 * Streams an XML document and yields only the subtrees asked for, so a 100 MB statement never sits in
 * memory: memory is bounded by the largest captured subtree. Refuses any `<!DOCTYPE` (so no entity is
 * ever declared or expanded, internal or external) and throws XmlStreamError with a position for
 * malformed, truncated or refused input, after yielding everything complete before that point.
 */
export async function* streamXml(
  stream: AsyncIterable<Uint8Array>,
  options: StreamXmlOptions,
): AsyncGenerator<XmlEvent> {
  const exact = new Set(options.capture.filter((p) => !p.endsWith('/*')));
  const wildcard = new Set(options.capture.filter((p) => p.endsWith('/*')).map((p) => p.slice(0, -2)));
  const closes = new Set(options.closes ?? []);
  const maxDepth = options.maxDepth ?? 64;
  const maxElements = options.maxSubtreeElements ?? 100_000;

  // saxes' own position tracking costs about a quarter of its speed; lines are counted here instead,
  // incrementally, only up to where an event needs one.
  const parser = new SaxesParser({ xmlns: false, position: false });
  const internal = parser as unknown as { chunk: string; i: number };
  const loc = { chunk: '', pos: 0, line: 1, lineStart: 0, endLine: 1, nl: '\n' };
  const advance = (to: number) => {
    const chunk = internal.chunk;
    if (chunk !== loc.chunk) {
      loc.chunk = chunk;
      loc.pos = 0;
      loc.line = loc.endLine;
      loc.lineStart = 0;
    }
    let at = loc.chunk.indexOf(loc.nl, loc.pos);
    while (at !== -1 && at < to) {
      loc.line++;
      loc.lineStart = at + 1;
      at = loc.chunk.indexOf(loc.nl, at + 1);
    }
    if (to > loc.pos) loc.pos = to;
  };
  const where = () => {
    advance(internal.i);
    return { line: loc.line, column: Math.max(1, internal.i - loc.lineStart + 1) };
  };
  const lineNow = () => where().line;
  const out: XmlEvent[] = [];
  const paths: string[] = []; // path of each open element outside captured subtrees
  const xpaths: string[] = [];
  const counters: Map<string, number>[] = [new Map()];
  const captureCount = new Map<string, number>();
  let capturing: XmlNode[] = []; // stack inside a captured subtree
  let captured: { path: string; xpath: string; line: number } | undefined;
  let elements = 0;
  let depth = 0;
  let sawRoot = false;
  let error: XmlStreamError | undefined;

  const fail = (reason: string, kind: XmlStreamError['kind']) => {
    if (!error) {
      const at = where();
      error = new XmlStreamError(reason, at.line, at.column, kind);
    }
    throw error;
  };

  parser.on('doctype', () =>
    fail(
      'a <!DOCTYPE> declaration is refused: entities are never declared or resolved in bank and invoice files',
      'refused',
    ),
  );
  parser.on('error', (e) =>
    fail(`not well-formed XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`, 'malformed'),
  );

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (++depth > maxDepth) fail(`elements nested deeper than ${maxDepth}`, 'limit');
    const name = localName(tag.name);
    if (capturing.length > 0) {
      if (++elements > maxElements) fail(`a captured element has more than ${maxElements} descendants`, 'limit');
      const node: XmlNode = { name, text: '', children: noChildren };
      if (hasAttrs(tag.attributes)) node.attrs = tag.attributes as Record<string, string>;
      const parentNode = capturing[capturing.length - 1]!;
      if (parentNode.children === noChildren) parentNode.children = [node];
      else parentNode.children.push(node);
      capturing.push(node);
      return;
    }
    const parent = paths.length > 0 ? paths[paths.length - 1]! : '';
    const path = parent ? `${parent}/${name}` : name;
    const siblings = counters[counters.length - 1]!;
    const nth = (siblings.get(name) ?? 0) + 1;
    siblings.set(name, nth);
    const xpath = `${xpaths.length > 0 ? xpaths[xpaths.length - 1] : ''}/${name}[${nth}]`;
    if (!sawRoot) {
      sawRoot = true;
      const attrs = { ...tag.attributes } as Record<string, string>;
      const prefix = tag.name.includes(':') ? tag.name.slice(0, tag.name.indexOf(':')) : '';
      const ns = prefix ? attrs[`xmlns:${prefix}`] : attrs.xmlns;
      out.push({ kind: 'root', name, ...(ns !== undefined ? { namespace: ns } : {}), attrs, line: lineNow() });
    }
    if (exact.has(path) || (wildcard.has(parent) && !exact.has(path))) {
      const node: XmlNode = { name, text: '', children: noChildren };
      if (hasAttrs(tag.attributes)) node.attrs = tag.attributes as Record<string, string>;
      capturing = [node];
      elements = 1;
      captured = { path, xpath, line: lineNow() };
      return;
    }
    paths.push(path);
    xpaths.push(xpath);
    counters.push(new Map());
  });

  parser.on('text', (text) => {
    if (capturing.length > 0) capturing[capturing.length - 1]!.text += text;
  });
  parser.on('cdata', (text) => {
    if (capturing.length > 0) capturing[capturing.length - 1]!.text += text;
  });

  parser.on('closetag', () => {
    depth--;
    if (capturing.length > 0) {
      const node = capturing.pop()!;
      node.text = node.text.trim();
      if (capturing.length === 0 && captured) {
        const index = captureCount.get(captured.path) ?? 0;
        captureCount.set(captured.path, index + 1);
        out.push({ kind: 'node', path: captured.path, xpath: captured.xpath, node, index, line: captured.line });
        captured = undefined;
      }
      return;
    }
    const path = paths.pop()!;
    const xpath = xpaths.pop()!;
    counters.pop();
    if (closes.has(path)) out.push({ kind: 'close', path, xpath, line: lineNow() });
  });

  let started = false;
  let started2 = false;
  for await (const chunk of withEncoding(stream, options.encoding ?? 'utf-8')) {
    if (!started) {
      const first = /\S/.exec(chunk);
      if (!first) continue;
      started = true;
      if (first[0] !== '<') {
        const before = chunk.slice(0, first.index);
        const line = before.split(/\r\n|\r|\n/).length;
        throw new XmlStreamError(
          `not XML: the content starts with "${chunk.slice(first.index, first.index + 20)}" instead of "<"`,
          line,
          1,
          'malformed',
        );
      }
    }
    if (!started2) {
      started2 = true;
      if (chunk.indexOf('\n') === -1 && chunk.indexOf('\r') !== -1) loc.nl = '\r';
    }
    parser.write(chunk);
    advance(internal.chunk.length);
    loc.endLine = loc.line;
    if (out.length > 0) {
      const batch = out.splice(0, out.length);
      for (const e of batch) yield e;
    }
  }
  try {
    parser.close();
  } catch (e) {
    if (e === error && error) {
      const truncated = /unclosed|document must contain|unexpected end/i.test(error.reason);
      if (truncated)
        throw new XmlStreamError(
          `the document ends early (truncated?): ${error.reason}`,
          error.line,
          error.column,
          'truncated',
        );
    }
    throw e;
  }
  for (const e of out) yield e;
}

function hasAttrs(attrs: Record<string, unknown>): boolean {
  for (const _ in attrs) return true;
  return false;
}

const segmentCache = new Map<string, string[]>();
function segments(path: string): string[] {
  let segs = segmentCache.get(path);
  if (!segs) {
    segs = path.split('/');
    if (segmentCache.size < 10_000) segmentCache.set(path, segs);
  }
  return segs;
}

function firstChild(node: XmlNode, name: string): XmlNode | undefined {
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) if (kids[i]!.name === name) return kids[i];
  return undefined;
}

/** The first child with this local name, following a `/`-separated path: `child(ntry, 'Amt')`. */
export function child(node: XmlNode | undefined, path: string): XmlNode | undefined {
  if (!node) return undefined;
  if (path.indexOf('/') === -1) return firstChild(node, path);
  let cur: XmlNode | undefined = node;
  for (const name of segments(path)) {
    cur = firstChild(cur, name);
    if (!cur) return undefined;
  }
  return cur;
}

/** All children with this local name under a `/`-separated path: `children(ntry, 'NtryDtls/TxDtls')`. */
export function children(node: XmlNode | undefined, path: string): XmlNode[] {
  const i = path.lastIndexOf('/');
  const parent = i === -1 ? node : child(node, path.slice(0, i));
  const name = i === -1 ? path : path.slice(i + 1);
  return parent ? parent.children.filter((c) => c.name === name) : [];
}

/** Text of the element at a path, or undefined when it is missing or empty. */
export function text(node: XmlNode | undefined, path?: string): string | undefined {
  const n = path ? child(node, path) : node;
  return n && n.text !== '' ? n.text : undefined;
}

/** The first path (of several alternatives) that has text. */
export function firstText(node: XmlNode | undefined, ...paths: string[]): string | undefined {
  for (const p of paths) {
    const t = text(node, p);
    if (t !== undefined) return t;
  }
  return undefined;
}
