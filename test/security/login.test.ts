import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

/** Issue 11 §10: a lockout tells nothing about which accounts exist, and one source cannot lock them all. */
describe('login lockout', () => {
  it('answers a locked account exactly as an unknown one, and throttles failures by source', async () => {
    const t = await createTestApp();
    const token = await t.userToken(['clerk']);
    const email = (await t.call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${token}` })).body.actor
      .user.email as string;
    const attempt = async (who: string, password: string) => {
      const r = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: t.tenant.slug, email: who, password }),
      });
      const body = (await r.json()) as { detail: string };
      return { status: r.status, detail: body.detail };
    };
    for (let i = 0; i < 5; i++) await attempt(email, 'wrong-password');
    const locked = await attempt(email, 'password-123');
    const unknown = await attempt('nobody@example.test', 'password-123');
    expect(locked).toEqual(unknown);
    expect(locked.status).toBe(401);
    // 7 failures so far from this source; the budget is 15 per quarter hour, whatever the accounts
    for (let i = 0; i < 8; i++) expect((await attempt(`guess-${i}@example.test`, 'x')).status).toBe(401);
    const throttled = await attempt('other@example.test', 'x');
    expect(throttled.status).toBe(429);
  }, 180_000);
});
