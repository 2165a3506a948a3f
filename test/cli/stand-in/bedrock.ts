/** Amazon Bedrock's routes as the stand-in answers them. */
import { HttpError } from '../../../lambda/shared/errors';
import { decodeBase64, requireMediaType } from '../../../lambda/shared/media';
import { type Answers, NOTICE, ok, usage } from './reply';
import { streamEvents, streamReply } from './stream';

/** The comparison list the stand-in plays (the stack's COMPARE_MODEL_IDS). */
export const COMPARE_MODELS = ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0'];

export const bedrockAnswers: Answers = {
  'POST /bedrock/converse': (input) => {
    const samples: number = input.samples;
    const outputs = Array.from(
      { length: samples },
      (_, i) => `Answer ${i + 1}: a foundation model is a large model trained on broad data.`,
    );
    const elements = input.prompt
      ? undefined
      : ['instruction', 'context', 'inputData', 'outputIndicator'].filter((k) => input[k]);
    return ok({
      modelId: 'amazon.nova-micro-v1:0',
      text: outputs[0],
      stopReason: 'end_turn',
      ...(samples > 1 && {
        samples,
        outputs: outputs.map((t) => ({ text: t, stopReason: 'end_turn' })),
        identical: false,
        distinctOutputs: samples,
      }),
      ...(elements && {
        elementsUsed: elements,
        assembledPrompt: `## Instruction\n${input.instruction ?? ''}`,
      }),
      inferenceConfig: {
        temperature: input.temperature,
        topP: input.topP,
        maxTokens: {
          requested: input.maxTokens,
          applied: Math.min(input.maxTokens ?? 512, 512),
          cap: 512,
          clamped: (input.maxTokens ?? 0) > 512,
        },
      },
      guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
      verified: false,
      notice: NOTICE,
      usage: usage('tokens', 60 * samples, {
        inputTokens: 20 * samples,
        outputTokens: 40 * samples,
        modelCalls: samples,
        estimatedCostUsd: 0.00001,
      }),
    });
  },
  'POST /bedrock/converse-stream': () => {
    const e = streamEvents('standin-stream');
    return streamReply([e.start, ...e.tokens, e.usage]);
  },
  'POST /bedrock/compare': (input) => {
    const models: string[] = input.models ?? COMPARE_MODELS;
    const unknown = models.filter((m) => !COMPARE_MODELS.includes(m));
    if (unknown.length) {
      throw new HttpError(
        400,
        'INVALID_REQUEST',
        `Model ${unknown.join(', ')} is not in the lab's comparison list.`,
      );
    }
    const perK = [0.000175, 0.0003, 0.004];
    const rows = models.map((modelId) => {
      const i = COMPARE_MODELS.indexOf(modelId);
      return {
        modelId,
        ok: true,
        text: `${modelId} says: retrieval-augmented generation grounds answers in retrieved passages.`,
        stopReason: 'end_turn',
        latencyMs: 300 * (i + 1),
        modelLatencyMs: 280 * (i + 1),
        inputTokens: 12,
        outputTokens: 20 * (i + 1),
        estimatedCostUsd: 0.000002 * (i + 1),
        guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
        price: {
          modelId,
          usdPer1kInAnd1kOutTokens: perK[i],
          timesCheapest: Math.round((perK[i]! / perK[COMPARE_MODELS.indexOf(models[0]!)]!) * 100) / 100,
        },
      };
    });
    const times = rows.map((r) => r.price.timesCheapest);
    return ok({
      models: rows,
      priceRatio: {
        basis: 'list price of 1000 input + 1000 output tokens',
        dearestOverCheapest: Math.max(...times) / Math.min(...times),
      },
      note: 'Model choice (모델 선택 시 고려 사항): the same prompt, several models.',
      verified: false,
      notice: NOTICE,
      pricesAsOf: '2025-06-01',
      usage: usage('tokens', 100, { modelCalls: models.length, estimatedCostUsd: 0.000012 }),
    });
  },
  'POST /bedrock/read-document': (input) => {
    // As the route checks it: the file's real type from its bytes, then a model's answer as fields.
    const bytes = decodeBase64('document', input.document, 4_500_000);
    const mediaType = requireMediaType('document', bytes, ['image/png', 'image/jpeg', 'application/pdf']);
    const korean = input.context?.includes('한국어') ?? false;
    const fields = korean
      ? { invoiceNumber: 'KO-2024-0042', customer: '홍길동', totalKrw: 172700 }
      : { invoiceNumber: 'INV-2024-0042', customer: 'Jane Doe', totalUsd: 130.5 };
    return ok({
      modelId: 'amazon.nova-lite-v1:0',
      mediaType,
      bytes: bytes.length,
      fields,
      structured: input.outputSchema ? { parsed: true, valid: true } : { parsed: true },
      text: JSON.stringify(fields),
      stopReason: 'end_turn',
      guardrail: { applied: true, version: '1', intervened: false, reasons: [] },
      verified: false,
      notice: NOTICE,
      pricesAsOf: '2025-06-01',
      usage: usage('tokens', 1300, {
        inputTokens: 1200,
        outputTokens: 100,
        modelCalls: 1,
        estimatedCostUsd: 0.000096,
      }),
    });
  },
  'POST /bedrock/ask-notes': (input) =>
    ok({
      modelId: 'amazon.nova-micro-v1:0',
      answer: 'The four elements are instruction, context, input data and output indicator [1].',
      modelCalled: true,
      citations: [
        {
          n: 1,
          heading: '프롬프트 엔지니어링',
          excerpt: '지침, 컨텍스트, 입력 데이터, 출력 지표',
          score: 7.2,
          citedInAnswer: true,
        },
      ],
      retrieval: {
        method: 'BM25+ keyword search over the notes (MiniSearch)',
        topK: input.topK,
        found: 1,
      },
      verified: false,
      usage: usage('tokens', 420, {
        inputTokens: 380,
        outputTokens: 40,
        modelCalls: 1,
        estimatedCostUsd: 0.00002,
      }),
    }),
};
