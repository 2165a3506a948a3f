/**
 * The request deadline on a fake clock: when its signal fires, what the router answers when a
 * route ignores it, and what a request without a Lambda context gets (no deadline).
 */
import * as z from 'zod';
import {
  DEADLINE_MARGIN_MS,
  DeadlineExceeded,
  deadlineError,
  FALLBACK_GRACE_MS,
  requestDeadline,
} from '../../../lambda/shared/deadline';
import { createApiHandler, route } from '../../../lambda/shared/http';
import { apiEvent } from '../../support/events';
import { captureLogs, type LogCapture } from '../../support/logs';

let logs: LogCapture;
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  logs = captureLogs();
});
afterEach(() => {
  jest.useRealTimers();
  logs.restore();
});

/** A Lambda context whose remaining time runs down with the fake clock. */
function lambdaContext(timeoutMs: number) {
  const t0 = Date.now();
  return { awsRequestId: 'lambda-req', getRemainingTimeInMillis: () => timeoutMs - (Date.now() - t0) };
}

describe('requestDeadline', () => {
  it('aborts its signal DEADLINE_MARGIN_MS before the time Lambda says is left', async () => {
    const d = requestDeadline(lambdaContext(20_000));
    expect(d.budgetMs).toBe(20_000 - DEADLINE_MARGIN_MS);
    await jest.advanceTimersByTimeAsync(20_000 - DEADLINE_MARGIN_MS - 1);
    expect(d.signal.aborted).toBe(false);
    expect(d.remainingMs()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(DeadlineExceeded);
    expect(d.remainingMs()).toBe(0);
    d.dispose();
  });

  it('counts from when it is taken: a late start has less time', async () => {
    const ctx = lambdaContext(10_000);
    await jest.advanceTimersByTimeAsync(3_000); // e.g. a cold start before the handler runs
    const d = requestDeadline(ctx);
    expect(d.budgetMs).toBe(7_000 - DEADLINE_MARGIN_MS);
    d.dispose();
  });

  it('race() settles with the work when it is in time, and with the 504 GRACE after the signal otherwise', async () => {
    const d = requestDeadline(lambdaContext(5_000));
    await expect(d.race(Promise.resolve('done'))).resolves.toBe('done');
    const late = d.race(new Promise(() => undefined));
    let error: unknown;
    late.catch((e: unknown) => {
      error = e;
    });
    await jest.advanceTimersByTimeAsync(5_000 - DEADLINE_MARGIN_MS + FALLBACK_GRACE_MS - 1);
    expect(error).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(error).toMatchObject({
      status: 504,
      code: 'TIMEOUT',
      details: { budgetMs: 5_000 - DEADLINE_MARGIN_MS },
    });
    d.dispose();
  });

  it('without a Lambda context there is no deadline: the signal never fires', async () => {
    for (const ctx of [undefined, { awsRequestId: 'x' } as object]) {
      const d = requestDeadline(ctx);
      await jest.advanceTimersByTimeAsync(15 * 60_000);
      expect(d.signal.aborted).toBe(false);
      expect(d.remainingMs()).toBe(Number.POSITIVE_INFINITY);
      expect(d.budgetMs).toBeUndefined();
      d.dispose();
    }
  });

  it('dispose() clears its timers', () => {
    const d = requestDeadline(lambdaContext(20_000));
    void d.race(new Promise(() => undefined)).catch(() => undefined);
    expect(jest.getTimerCount()).toBe(2);
    d.dispose();
    expect(jest.getTimerCount()).toBe(0);
  });

  it("says what happened and what to do, in the lab's error shape", () => {
    const e = deadlineError(18_500);
    expect(e.status).toBe(504);
    expect(e.message).toMatch(/ran out of time \(18\.5 s this time\).*1\.5 s before its Lambda timeout/);
  });
});

describe('the router under a deadline', () => {
  const TIMEOUT_MS = 20_000;
  const handlerWith = (handle: (input: unknown, ctx: { signal: AbortSignal }) => Promise<never>) =>
    createApiHandler({
      service: 'test',
      routes: [route({ method: 'POST', path: '/slow', schema: z.strictObject({}), handle })],
    });
  /** Call `handler` under a Lambda context; `answeredAt()` is the fake-clock ms it answered at. */
  function call(handler: ReturnType<typeof createApiHandler>) {
    const t0 = Date.now();
    let at: number | undefined;
    const pending = handler(apiEvent({ resource: '/slow', body: {} }), lambdaContext(TIMEOUT_MS)).then(
      (r) => {
        at = Date.now() - t0;
        return r;
      },
    );
    return { pending, answeredAt: () => at };
  }

  it("answers 504 TIMEOUT before Lambda's timeout even when a route ignores the signal", async () => {
    const { pending, answeredAt } = call(handlerWith(() => new Promise<never>(() => undefined)));
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS - DEADLINE_MARGIN_MS);
    expect(answeredAt()).toBeUndefined(); // the signal has fired; the route has its grace
    await jest.advanceTimersByTimeAsync(FALLBACK_GRACE_MS);
    expect(answeredAt()).toBe(TIMEOUT_MS - DEADLINE_MARGIN_MS + FALLBACK_GRACE_MS);
    const res = await pending;
    expect(res.statusCode).toBe(504);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'TIMEOUT', requestId: 'req-0001' });
    expect(jest.getTimerCount()).toBe(0); // nothing left running after the answer
    expect(logs.text()).toMatch(/"budgetMs":18500/);
  });

  it('a route that stops on the signal answers at the deadline itself', async () => {
    const handler = handlerWith(
      (_input, ctx) =>
        new Promise<never>((_, reject) =>
          ctx.signal.addEventListener('abort', () =>
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
          ),
        ),
    );
    const { pending, answeredAt } = call(handler);
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS - DEADLINE_MARGIN_MS);
    expect(answeredAt()).toBe(TIMEOUT_MS - DEADLINE_MARGIN_MS);
    expect(JSON.parse((await pending).body).error.code).toBe('TIMEOUT');
  });

  it('a 4xx found before the deadline stays a 4xx', async () => {
    const handler = createApiHandler({
      service: 'test',
      routes: [
        route({
          method: 'POST',
          path: '/slow',
          schema: z.strictObject({ n: z.number() }),
          handle: async () => ({ body: {} }),
        }),
      ],
    });
    const res = await handler(apiEvent({ resource: '/slow', body: { n: 'x' } }), lambdaContext(TIMEOUT_MS));
    expect(res.statusCode).toBe(400);
  });
});
