/**
 * How the stand-in lab answers the eval (on top of test/cli/stand-in.ts, which checks every SigV4
 * signature and routes the calls): answers looked up in a table by model and prompt, varying from one
 * call to the next where the table lists several, reported latencies, a 429 the first time a prompt
 * is seen, a model that times out, a Comprehend route that fails and one that is slow, and a deployed
 * comparison list of inference profiles the eval has to map its model ids to. No model is called.
 */
import { baseModelId } from '../../lambda/shared/pricing';
import type { Recorded, StandIn } from '../cli/stand-in';

export const DEPLOYED = ['us.amazon.nova-micro-v1:0', 'us.amazon.nova-lite-v1:0', 'us.amazon.nova-pro-v1:0'];

export interface Answer {
  /** One text per call; several = the nth call of this prompt gets the nth (non-determinism). */
  readonly texts: readonly string[];
  readonly latencyMs: number;
  readonly costUsd: number;
  readonly intervened?: boolean;
  /** The model fails with this code instead (ok: false in the comparison). */
  readonly error?: string;
}

/** Answers by foundation-model id and by a word the prompt contains. */
export type AnswerTable = Record<string, Record<string, Answer>>;

export interface LabOptions {
  readonly table: AnswerTable;
  /** Prompts containing this word get one 429 the first time. */
  readonly throttleOnce?: string;
  /** Comprehend: texts containing the key answer with this sentiment, or fail with 502 when null. */
  readonly comprehend?: Record<string, string | null>;
  readonly comprehendDelayMs?: number;
  /** The main model of /bedrock/converse, -stream and ask-notes. */
  readonly mainModel?: string;
}

function lookup(table: AnswerTable, model: string, prompt: string): Answer | undefined {
  const byWord = table[baseModelId(model)] ?? {};
  const key = Object.keys(byWord).find((w) => prompt.includes(w));
  return key ? byWord[key] : undefined;
}

export function playLab(standIn: StandIn, o: LabOptions): { calls: () => number } {
  const seen = new Map<string, number>();
  let calls = 0;
  const next = (model: string, prompt: string, answer: Answer) => {
    const k = `${model}|${prompt}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return answer.texts[n % answer.texts.length]!;
  };
  const throttled = new Set<string>();
  const throttle = (prompt: string) => {
    if (o.throttleOnce && prompt.includes(o.throttleOnce) && !throttled.has(prompt)) {
      throttled.add(prompt);
      return {
        status: 429,
        body: { error: { code: 'THROTTLED', message: 'Stage throttling limit reached.', requestId: 'r' } },
      };
    }
    return undefined;
  };

  standIn.override('POST /bedrock/compare', (req: Recorded) => {
    calls += 1;
    const models: string[] = req.body.models;
    const unknown = models.filter((m) => !DEPLOYED.includes(m));
    if (unknown.length)
      return {
        status: 400,
        body: {
          error: {
            code: 'INVALID_REQUEST',
            message: `Model ${unknown.join(', ')} is not in the lab's comparison list.`,
            requestId: 'r',
            details: { allowed: DEPLOYED },
          },
        },
      };
    const t = throttle(req.body.prompt);
    if (t) return t;
    return {
      status: 200,
      body: {
        models: models.map((modelId) => {
          const a = lookup(o.table, modelId, req.body.prompt);
          if (!a || a.error)
            return { modelId, ok: false, error: { code: a?.error ?? 'NO_ANSWER', message: 'stand-in' } };
          return {
            modelId,
            ok: true,
            text: next(modelId, req.body.prompt, a),
            stopReason: a.intervened ? 'guardrail_intervened' : 'end_turn',
            latencyMs: a.latencyMs,
            inputTokens: 10,
            outputTokens: 5,
            estimatedCostUsd: a.costUsd,
            guardrail: { applied: true, intervened: Boolean(a.intervened), reasons: [] },
          };
        }),
        usage: { unit: 'tokens', quantity: 15 * models.length },
      },
    };
  });

  const main = o.mainModel ?? 'amazon.nova-micro-v1:0';
  standIn.override('POST /bedrock/converse', (req: Recorded) => {
    calls += 1;
    const t = throttle(req.body.prompt);
    if (t) return t;
    const a = lookup(o.table, main, req.body.prompt) ?? {
      texts: ['{"verdict": "correct"}'],
      latencyMs: 1,
      costUsd: 0.00001,
    };
    return {
      status: 200,
      body: {
        modelId: main,
        text: next(main, req.body.prompt, a),
        stopReason: a.intervened ? 'guardrail_intervened' : 'end_turn',
        guardrail: { applied: true, intervened: Boolean(a.intervened), reasons: [] },
        usage: {
          unit: 'tokens',
          quantity: 15,
          inputTokens: 10,
          outputTokens: 5,
          estimatedCostUsd: a.costUsd,
        },
      },
    };
  });

  standIn.override('POST /bedrock/converse-stream', (req: Recorded) => {
    calls += 1;
    const a = lookup(o.table, main, req.body.prompt)!;
    const text = next(main, req.body.prompt, a);
    return {
      status: 200,
      stream: async (write) => {
        write({ type: 'start', modelId: main, requestId: 'r' });
        await new Promise((r) => setTimeout(r, 20));
        write({ type: 'token', text });
        await new Promise((r) => setTimeout(r, 20));
        write({
          type: 'usage',
          modelId: main,
          stopReason: 'end_turn',
          usage: {
            unit: 'tokens',
            quantity: 15,
            inputTokens: 10,
            outputTokens: 5,
            estimatedCostUsd: a.costUsd,
          },
          guardrail: { applied: true, intervened: false, reasons: [] },
          timing: { timeToFirstTokenMs: 20, totalMs: 40, tokenEvents: 1 },
        });
      },
    };
  });

  standIn.override('POST /bedrock/ask-notes', (req: Recorded) => {
    calls += 1;
    const a = lookup(o.table, main, req.body.question);
    return {
      status: 200,
      body: {
        modelId: main,
        answer: a ? next(main, req.body.question, a) : 'not covered',
        modelCalled: Boolean(a),
        citations: a
          ? [
              {
                n: 1,
                heading: 'Optimising model output › Retrieval-augmented generation (RAG, 검색 증강 생성)',
                citedInAnswer: true,
              },
            ]
          : [],
        usage: {
          unit: 'tokens',
          quantity: 15,
          inputTokens: 10,
          outputTokens: 5,
          estimatedCostUsd: a?.costUsd ?? 0,
        },
      },
    };
  });

  standIn.override('POST /comprehend/sentiment', (req: Recorded) => {
    calls += 1;
    const key = Object.keys(o.comprehend ?? {}).find((k) => req.body.text.includes(k));
    const sentiment = key === undefined ? 'NEUTRAL' : o.comprehend![key];
    if (sentiment === null)
      return {
        status: 502,
        body: { error: { code: 'UPSTREAM_ERROR', message: 'stand-in failure', requestId: 'r' } },
      };
    return {
      status: 200,
      delayMs: o.comprehendDelayMs,
      body: {
        sentiment,
        usage: { unit: 'Comprehend units (100 characters)', quantity: 3, estimatedCostUsd: 0.0003 },
      },
    };
  });
  return { calls: () => calls };
}
