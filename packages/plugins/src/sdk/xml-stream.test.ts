import { describe, expect, it } from 'vitest';
import { fromBuffer } from './input.ts';
import { child, children, streamXml, text, XmlStreamError, type XmlEvent } from './xml-stream.ts';

const doc = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:x"><Stmt><Id>S1</Id><Bal><Amt Ccy="EUR">1.00</Amt></Bal>
<Ntry><Amt Ccy="EUR">5.00</Amt><Dtls><Tx>a</Tx><Tx><![CDATA[b&c]]></Tx></Dtls></Ntry>
<!-- <Ntry>comment</Ntry> -->
<Ntry><Amt Ccy="EUR">6.00</Amt></Ntry></Stmt></Document>`;

async function run(xml: string | Uint8Array, chunkSize = 7) {
  const events: XmlEvent[] = [];
  let error: unknown;
  try {
    for await (const e of streamXml(fromBuffer('t.xml', xml, { chunkSize }).stream(), {
      capture: ['Document/Stmt/Ntry', 'Document/Stmt/*'],
      closes: ['Document/Stmt'],
    }))
      events.push(e);
  } catch (e) {
    error = e;
  }
  return { events, error: error as XmlStreamError | undefined };
}

describe('streamXml', () => {
  it('yields the root, captured subtrees in order, and closes', async () => {
    const { events, error } = await run(doc);
    expect(error).toBeUndefined();
    expect(events.map((e) => (e.kind === 'node' ? `${e.node.name}#${e.index}` : e.kind))).toEqual([
      'root',
      'Id#0',
      'Bal#0',
      'Ntry#0',
      'Ntry#1',
      'close',
    ]);
    const root = events[0]!;
    expect(root.kind === 'root' && root.namespace).toBe('urn:x');
    const ntry = events[3]!;
    if (ntry.kind !== 'node') throw new Error('not a node');
    expect(ntry.xpath).toBe('/Document[1]/Stmt[1]/Ntry[1]');
    expect(child(ntry.node, 'Amt')?.attrs?.Ccy).toBe('EUR');
    expect(children(ntry.node, 'Dtls/Tx').map((t) => t.text)).toEqual(['a', 'b&c']);
    expect(text(ntry.node, 'Amt')).toBe('5.00');
  });
  it('refuses a DOCTYPE (entity bomb) before expanding anything', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document><Stmt><Id>&lol2;</Id></Stmt></Document>`;
    const { events, error } = await run(bomb);
    expect(error).toBeInstanceOf(XmlStreamError);
    expect(error!.kind).toBe('refused');
    expect(error!.message).toMatch(/DOCTYPE.*refused.*line 1/);
    expect(events).toEqual([]);
  });
  it('refuses external entities too', async () => {
    const xxe = `<!DOCTYPE d SYSTEM "file:///etc/passwd"><Document/>`;
    expect((await run(xxe)).error?.kind).toBe('refused');
  });
  it('reports a truncated document after yielding what was complete', async () => {
    const cut = doc.slice(0, doc.indexOf('<Ntry><Amt Ccy="EUR">6.00'));
    const { events, error } = await run(cut);
    expect(events.filter((e) => e.kind === 'node' && e.node.name === 'Ntry')).toHaveLength(1);
    expect(error?.kind).toBe('truncated');
    expect(error?.line).toBeGreaterThan(1);
  });
  it('rejects what is not XML', async () => {
    const { error } = await run('Date,Amount\n2020-01-01,5.00\n');
    expect(error?.kind).toBe('malformed');
    expect(error?.message).toMatch(/line 1/);
  });
  it('honours the declared encoding', async () => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><Document><Stmt><Id>Zürich</Id></Stmt></Document>',
      'latin1',
    );
    const { events } = await run(new Uint8Array(latin), 5);
    const id = events.find((e) => e.kind === 'node');
    expect(id?.kind === 'node' && id.node.text).toBe('Zürich');
  });
});
