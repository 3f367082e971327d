import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { pointerTokens } from '../api/problem.ts';

/**
 * The text range of a JSON pointer in a document: the value's node, or for an operation pointer
 * (`/and/0/==`) the property's key and value. Falls back to the deepest existing ancestor, so a
 * diagnostic never vanishes because its exact node is missing.
 */
export function pointerRange(text: string, pointer: string): { offset: number; length: number } {
  const root = parseTree(text);
  if (!root) return { offset: 0, length: Math.min(text.length, 1) };
  const path = pointerTokens(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return rangeOf(node);
  }
  return { offset: root.offset, length: root.length };
}

function rangeOf(node: Node): { offset: number; length: number } {
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  if (prop && node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean' && node.type !== 'null') {
    // an operation's value: underline its key, which is what the analyst typed
    const key = prop.children?.[0];
    if (key) return { offset: key.offset, length: key.length };
  }
  return { offset: node.offset, length: node.length };
}
