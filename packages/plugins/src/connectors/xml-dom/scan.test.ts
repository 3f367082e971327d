import { describe, expect, it } from 'vitest';
import { bytesInput } from './input.ts';
import { scanXmlDocuments, type ScanEvent } from './scan.ts';
import { xmlQuery } from './element.ts';

const NS = 'urn:test';
const isDoc = (ns: string, local: string) => ns === NS && local === 'Doc';

async function collect(xml: string | Uint8Array, chunk = 7): Promise<ScanEvent[]> {
  const out: ScanEvent[] = [];
  for await (const e of scanXmlDocuments(bytesInput('t.xml', xml, chunk), { isDocument: isDoc })) out.push(e);
  return out;
}

describe('scanXmlDocuments', () => {
  it('yields the root and each document as a namespace-aware tree, across chunk boundaries', async () => {
    const xml = `<?xml version="1.0"?>\n<w:Batch xmlns:w="urn:w" xmlns:t="${NS}">\n<t:Doc a="1"><t:N>x &amp; y</t:N></t:Doc>\n<t:Doc><t:N><![CDATA[<z>]]></t:N></t:Doc></w:Batch>`;
    const events = await collect(xml);
    expect(events[0]).toEqual({ kind: 'root', ns: 'urn:w', local: 'Batch', line: 2 });
    const docs = events.flatMap((e) => (e.kind === 'document' ? [e.element] : []));
    const q = xmlQuery({ t: NS });
    expect(docs.map((d) => q.text(d, 't:N'))).toEqual(['x & y', '<z>']);
    expect(docs.map((d) => d.xpath)).toEqual(['/Batch/Doc', '/Batch/Doc[2]']);
    expect(docs[0]!.attrs.a).toBe('1');
    expect(docs[1]!.line).toBe(4);
  });

  it('refuses a DOCTYPE, even an innocent one', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "boom">]><Doc xmlns="${NS}">&e;</Doc>`;
    await expect(collect(xml)).rejects.toThrow(/DOCTYPE is not allowed/);
  });

  it('never resolves an undefined entity', async () => {
    await expect(collect(`<Doc xmlns="${NS}">&ext;</Doc>`)).rejects.toThrow(/not well-formed/);
  });

  it('reports truncated input and non-XML', async () => {
    await expect(collect(`<Doc xmlns="${NS}"><N>1</N>`)).rejects.toThrow(/not well-formed/);
    await expect(collect('orderID,customerID\n1,2')).rejects.toThrow(/not well-formed/);
    await expect(collect('')).rejects.toThrow(/empty input/);
  });

  it('stops when the signal is aborted (an error, not a rejection)', async () => {
    const controller = new AbortController();
    controller.abort(new Error('upload aborted'));
    const events = scanXmlDocuments(bytesInput('t.xml', `<Doc xmlns="${NS}"/>`), {
      isDocument: isDoc,
      signal: controller.signal,
    });
    await expect(events.next()).rejects.toThrow('upload aborted');
  });

  it('decodes a declared ISO-8859-1 document and strips a UTF-8 BOM', async () => {
    const latin = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><Doc xmlns="${NS}"><N>Pa\xe7o</N></Doc>`,
      'latin1',
    );
    const [, doc] = await collect(latin);
    expect(doc?.kind === 'document' && xmlQuery({ t: NS }).text(doc.element, 't:N')).toBe('Paço');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n<Doc xmlns="${NS}"/>`)]);
    expect((await collect(bom)).map((e) => e.kind)).toEqual(['root', 'document']);
  });
});
