import { useEffect, useState } from 'react';
import { jobs } from '../api/workbench.ts';
import type { JobView } from '../api/workbench-types.ts';

const finished = (j: JobView) => j.state === 'succeeded' || j.state === 'failed' || j.state === 'cancelled';

/**
 * Follows a job to its end: the server's progress events (EventSource sends the session cookie), falling back
 * to polling GET /jobs/:id when the stream breaks (a proxy that buffers, a server restart).
 */
export function useJob(initial: JobView | undefined): JobView | undefined {
  const [job, setJob] = useState(initial);
  useEffect(() => {
    setJob(initial);
    if (!initial || finished(initial)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (stopped) return;
      try {
        const j = await jobs.get(initial.id);
        setJob(j);
        if (finished(j)) return;
      } catch {
        /* keep polling: the next answer may come */
      }
      timer = setTimeout(() => void poll(), 1000);
    };
    const source = new EventSource(jobs.eventsUrl(initial.id));
    const take = (e: MessageEvent<string>) => {
      const j = JSON.parse(e.data) as JobView;
      setJob(j);
      if (finished(j)) source.close();
    };
    source.addEventListener('progress', take);
    source.addEventListener('done', take);
    source.onerror = () => {
      source.close();
      void poll();
    };
    return () => {
      stopped = true;
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [initial]);
  return job;
}
