import type { ReportProgress } from '../domain/progress.ts';

interface Sink {
  isTTY?: boolean;
  write(text: string): unknown;
}

const count = (n: number) => n.toLocaleString('en');
const seconds = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

/**
 * Progress of long CLI work on stderr (stdout keeps the result, the one JSON document with --json): a bar
 * redrawn in place on a terminal (phase, percent, records, time left), plain lines otherwise (a new phase, each
 * tenth of the way, at most every few seconds), for logs that keep every line.
 */
export function cliProgress(label: string, sink: Sink = process.stderr): { report: ReportProgress; end(): void } {
  let phase: string | undefined;
  let phaseStart = Date.now();
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const report: ReportProgress = async (p) => {
    const now = Date.now();
    const newPhase = p.phase !== phase;
    if (newPhase) {
      phase = p.phase;
      phaseStart = now;
    }
    const fraction = p.total ? Math.min(1, p.done / p.total) : undefined;
    const left =
      fraction && fraction > 0 && fraction < 1 ? ((now - phaseStart) / fraction) * (1 - fraction) : undefined;
    const what = `${label}${phase ? `: ${phase}` : ''}`;
    const figures = `${count(p.done)}${p.total ? ` / ${count(p.total)}` : ''}${left !== undefined ? `, ${seconds(left)} left` : ''}`;
    if (sink.isTTY) {
      if (!newPhase && now - lastDraw < 100 && fraction !== 1) return;
      lastDraw = now;
      const width = 24;
      const bar =
        fraction === undefined
          ? ''
          : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.floor(fraction * 100)}% `;
      sink.write(`\r\x1b[K${what} ${bar}${figures}`);
      drawn = true;
      return;
    }
    const tenth = fraction === undefined ? -1 : Math.floor(fraction * 10);
    if (!newPhase && tenth === lastTenth && now - lastDraw < 5000) return;
    lastTenth = tenth;
    lastDraw = now;
    sink.write(`${what} ${fraction !== undefined ? `${Math.floor(fraction * 100)}% ` : ''}(${figures})\n`);
  };
  return {
    report,
    end() {
      if (drawn) sink.write('\n');
      drawn = false;
    },
  };
}
