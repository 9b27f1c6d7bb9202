// Runs (docs/protocol.md §16): a reply keeps running on the server when our connection drops. This module holds
// what the stream controller needs to follow one: the cursor of the last event applied, re-attaching after a
// network drop, and stopping by request.
import { HttpError, type ChatKitApi } from './api';
import { CURSOR } from './sse';

/** How many times a dropped stream is re-attached before the error is shown. */
export const MAX_REATTACH = 5;

/** The wait before re-attach attempt `attempt` (0-based): short first, then backing off. */
export function reattachDelay(attempt: number): number {
  return Math.min(4000, 250 * 2 ** attempt);
}

/** The run cursor an event arrived with, if the server runs the turn as a run. */
export function cursorOf(ev: unknown): string | null {
  return ev && typeof ev === 'object' && typeof (ev as any)[CURSOR] === 'string' ? (ev as any)[CURSOR] : null;
}

/** The id of the running turn a loaded thread reports, if any. */
export function activeRunOf(thread: unknown): string | null {
  const run = thread && typeof thread === 'object' ? (thread as any).active_run : null;
  return run && typeof run.id === 'string' ? run.id : null;
}

/** Whether a failed re-attach means there is nothing left to follow (the run ended and its journal is gone). */
export function runIsGone(e: unknown): boolean {
  return e instanceof HttpError && e.status === 409;
}

/**
 * Asks the server to stop the thread's run. True when it did; false when there was none (it had just ended) or the
 * request failed, so the caller falls back to closing its own stream.
 */
export async function stopRun(api: ChatKitApi, threadId: string): Promise<boolean> {
  try {
    await api.request('threads.stop_run', { thread_id: threadId });
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
