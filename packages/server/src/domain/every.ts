/**
 * Runs `round` every `ms` in the background, never two rounds at once (a slow round skips the ticks it
 * overlaps); a round that throws hands the error to `failed` and the next tick runs again. Returns the function
 * that stops it. The timer does not keep the process alive.
 */
export function everyRound(ms: number, round: () => Promise<void>, failed: (e: Error) => void = () => {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((e: unknown) => failed(e instanceof Error ? e : new Error(String(e))))
      .finally(() => (running = false));
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
