// What `tfyaml sweep --distributed` shows after enqueuing: the sweep log as workers write it, until the sweep is
// done or cancelled. Ctrl-C only stops following; the sweep goes on.
import { withRedis } from './connection-watch.ts';
import { openSweep } from './open-sweep.ts';

const POLL_MS = 1000;

/** Resolves with the sweep's final state, or 'detached' once `signal` aborts. */
export async function followSweep(
  url: string,
  id: string,
  print: (line: string) => void,
  signal: AbortSignal,
): Promise<string> {
  const done = new Promise<'detached'>((resolve) =>
    signal.addEventListener('abort', () => resolve('detached'), { once: true }),
  );
  // A Redis that restarts is waited for (the log resumes where it stopped); one gone for good ends the command.
  return withRedis(url, async (redis) => {
    const { store } = await openSweep(redis, id, url);
    let after = '0';
    for (;;) {
      const events = await Promise.race([store.events(after, POLL_MS), done]);
      if (events === 'detached') return events;
      for (const event of events) {
        after = event.id;
        print(`${event.host === 'enqueue' || event.host === 'cancel' ? '' : `[${event.host}] `}${event.text}`);
      }
      const state = await store.state();
      if (events.length === 0 && state !== 'running') return state ?? 'unknown';
    }
  });
}
