import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './client.ts';

afterEach(() => vi.unstubAllGlobals());

function captureFetch() {
  const seen: Record<string, string>[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    seen.push(init.headers as Record<string, string>);
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

describe('the designer API client', () => {
  it('sends a fresh Idempotency-Key with every POST, keeps a caller-given one, and none with GET', async () => {
    const seen = captureFetch();
    await api.post('/settlements', { a: 1 });
    await api.post('/settlements', { a: 1 });
    await api.post('/settlements', { a: 1 }, { headers: { 'Idempotency-Key': 'mine' } });
    await api.get('/customers');
    expect(seen[0]!['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!['idempotency-key']).not.toBe(seen[0]!['idempotency-key']);
    expect(seen[2]!['Idempotency-Key']).toBe('mine');
    expect(seen[2]!['idempotency-key']).toBeUndefined();
    expect(seen[3]!['idempotency-key']).toBeUndefined();
  });
});
