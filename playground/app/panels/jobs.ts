/**
 * Batch jobs (일괄 추론): poll a job's status route until it is done, showing progress as it goes.
 */
import type { Json, JsonReply } from '../api';
import { messages } from '../i18n';
import { JOBS } from '../messages/textract';
import { h, type Output, sleep } from '../ui';

const t = messages(JOBS);

const DONE = new Set(['COMPLETED', 'SUCCEEDED', 'PARTIAL_SUCCESS', 'FAILED']);
/** Give up after this long; the job keeps running and its status route still answers. */
const MAX_WAIT_MS = 15 * 60 * 1000;

/**
 * Poll until the job is done. The progress bar and status line appear in `out` while it runs; the
 * finished job's `progress` block is returned for the result to show.
 */
export async function waitForJob(
  out: Output,
  what: string,
  poll: () => Promise<JsonReply>,
  intervalMs: number,
): Promise<JsonReply & { progress: HTMLElement }> {
  const bar = h('progress', { 'aria-label': t('progress', { what }) });
  const line = h('p', { class: 'job-status' }, t('started', { what }));
  const progress = h('div', { class: 'job' }, bar, line);
  out.append(progress);
  const started = Date.now();
  for (let polls = 1; ; polls++) {
    const reply = await poll();
    const status = String(reply.body.status ?? '');
    const seconds = Math.round((Date.now() - started) / 1000);
    line.textContent = t('status', { what, status, polls, seconds });
    if (DONE.has(status)) {
      bar.max = 1;
      bar.value = 1;
      return { ...reply, progress };
    }
    if (Date.now() - started > MAX_WAIT_MS) {
      throw new Error(t('stillRunning', { what, status, minutes: Math.round(MAX_WAIT_MS / 60000) }));
    }
    await sleep(intervalMs);
  }
}

/** The status badge of a finished job. */
export function jobOutcome(body: Json): { ok: boolean; text: string } {
  const status = String(body.status ?? '');
  return { ok: status === 'COMPLETED' || status === 'SUCCEEDED', text: status };
}
