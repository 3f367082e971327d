import { describe, expect, it } from 'vitest';
import { describeContent, describeInput } from './describe-content.ts';
import { fromBuffer } from './input.ts';

describe('describeContent', () => {
  it('names what the start of a file looks like', async () => {
    expect(describeContent('')).toBe('empty (or blank)');
    expect(
      describeContent(
        '<?xml version="1.0"?>\n<!-- x -->\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">',
      ),
    ).toBe('an XML document <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">');
    expect(describeContent('01,BANK,ME,260106,0700,1,80,,2/\n')).toBe('a BAI2 file (01 file header)');
    expect(describeContent('{1:F01INGBNL2AXXXX0000000000}{4:\n:20:X\n')).toBe('a SWIFT MT940 message');
    expect(describeContent('date;amount;text\n')).toBe('a delimited table (CSV) starting "date;amount;text"');
    expect(describeContent('PK\u0003\u0004\u0000\u0000')).toMatch(/^binary data/);
    expect(describeContent('hello')).toBe('text starting "hello"');
    expect(await describeInput(fromBuffer('x', '{"a":1}', { chunkSize: 2 }))).toBe('JSON text');
  });
});
