import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header's value: HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's secret, hex. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver checks: the signature matches and the timestamp is within `toleranceSeconds` of now (a
 * replayed old delivery is refused). Compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  o: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  const now = o.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (o.toleranceSeconds ?? 300)) return false;
  const want = Buffer.from(webhookSignature(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
