import { decodeBytes } from './decode.ts';
import type { ConnectorInput } from './define-connector.ts';

/**
 * A few words on what the start of a file looks like, so that a connector that recognises nothing can say
 * what it found instead ("an XML document <Document xmlns=…camt.053…>", "a BAI2 file"…).
 */
export function describeContent(head: string): string {
  const text = head.replace(/^\uFEFF/, '').slice(0, 4000);
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty (or blank)';
  if (text.includes('\u0000')) return 'binary data (or text in an encoding other than the one configured)';
  if (trimmed.startsWith('<')) {
    const root = /<([A-Za-z_][\w:.-]*)([^>]*)>/.exec(
      trimmed.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''),
    );
    if (!root) return 'XML or HTML text';
    const ns = /\sxmlns(?::[\w.-]+)?="([^"]*)"/.exec(root[2]!)?.[1];
    return `an XML document <${root[1]}${ns ? ` xmlns="${ns}"` : ''}>`;
  }
  if (/^01,/.test(trimmed)) return 'a BAI2 file (01 file header)';
  if (/^(\{1:|:20:)/m.test(trimmed)) return 'a SWIFT MT940 message';
  if (/^[[{]/.test(trimmed)) return 'JSON text';
  const first = trimmed.split(/\r\n|\r|\n/, 1)[0]!;
  if ((first.match(/[,;\t|]/g)?.length ?? 0) >= 2) return `a delimited table (CSV) starting "${clip(first)}"`;
  return `text starting "${clip(first)}"`;
}

const clip = (s: string) => (s.length > 50 ? `${s.slice(0, 50)}…` : s);

/** Describes the first 4 KiB of an input (see describeContent); reads the input again from its start. */
export async function describeInput(input: ConnectorInput, encoding = 'auto'): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input.stream()) {
    parts.push(chunk);
    size += chunk.byteLength;
    if (size >= 4096) break;
  }
  const head = new Uint8Array(Math.min(size, 4096));
  let at = 0;
  for (const p of parts) {
    head.set(p.subarray(0, head.byteLength - at), at);
    at += Math.min(p.byteLength, head.byteLength - at);
  }
  try {
    return describeContent(decodeBytes(head, encoding));
  } catch {
    return describeContent(decodeBytes(head, 'latin1'));
  }
}
