/**
 * A closed-loop HTTP load generator for `hexiao bench api`: `connections` loops, each sending its next request
 * as soon as the last one answered, for a bounded time; every request is timed and counted under its kind.
 */

export interface Sent {
  kind: string;
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
  ok: boolean;
}

/** One step of a loop: sends one or more requests and reports each through `record`. */
export type Step = (record: (s: Sent) => void) => Promise<void>;

export interface KindFigures {
  requests: number;
  perSecond: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadFigures {
  seconds: number;
  connections: number;
  requests: number;
  perSecond: number;
  errors: number;
  kinds: Record<string, KindFigures>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
const round1 = (n: number) => Math.round(n * 10) / 10;

export function figures(sent: Sent[], seconds: number, connections: number): LoadFigures {
  const byKind = new Map<string, Sent[]>();
  for (const s of sent) {
    const list = byKind.get(s.kind) ?? [];
    list.push(s);
    byKind.set(s.kind, list);
  }
  const kinds: Record<string, KindFigures> = {};
  for (const [kind, list] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    kinds[kind] = {
      requests: list.length,
      perSecond: Math.round(list.length / seconds),
      errors: list.filter((s) => !s.ok).length,
      p50: round1(percentile(ms, 0.5)),
      p95: round1(percentile(ms, 0.95)),
      p99: round1(percentile(ms, 0.99)),
      max: round1(ms.at(-1) ?? 0),
    };
  }
  return {
    seconds: round1(seconds),
    connections,
    requests: sent.length,
    perSecond: Math.round(sent.length / seconds),
    errors: sent.filter((s) => !s.ok).length,
    kinds,
  };
}

/**
 * Runs `connections` loops for `seconds`; loop i takes its steps from `steps(i)`. A step that throws counts
 * as one error of kind `error` and the loop goes on.
 */
export async function runLoad(o: {
  connections: number;
  seconds: number;
  steps: (loop: number) => Step;
}): Promise<LoadFigures> {
  const sent: Sent[] = [];
  const record = (s: Sent) => sent.push(s);
  const started = performance.now();
  const until = started + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.connections }, async (_, i) => {
      const step = o.steps(i);
      while (performance.now() < until) {
        try {
          await step(record);
        } catch {
          record({ kind: 'error', ms: 0, ok: false });
        }
      }
    }),
  );
  return figures(sent, (performance.now() - started) / 1000, o.connections);
}

/** Sends one request and times it to the last byte; `ok` says whether the status was the expected one. */
export async function timedFetch(
  url: string,
  init: RequestInit,
  expect: number[],
): Promise<{ ms: number; ok: boolean; status: number; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  const ms = performance.now() - t0;
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: the status decides */
  }
  return { ms, ok: expect.includes(res.status), status: res.status, body };
}
