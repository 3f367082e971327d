/** Append one reference token to a JSON pointer (RFC 6901 escaping). */
export function childPointer(ptr: string, token: string | number): string {
  const t = typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${ptr}/${t}`;
}
