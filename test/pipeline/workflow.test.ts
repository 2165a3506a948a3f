/**
 * The synthesized state machine of AiLab-Pipeline, run offline in an Amazon States Language
 * interpreter (aws-local-stepfunctions) over the sample documents, each run started by the real
 * API handler and the functions' real code answering their Tasks (test/pipeline/harness.ts).
 * What the interpreter cannot run, and how the definition is adapted for it, is written in
 * test/support/sfn-local.ts and docs/pipeline.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import aslValidator from 'asl-validator';
import { useHandlerEnv } from '../support/handler-env';
import { useCapturedLogs } from '../support/logs';
import {
  distributedMaps,
  forLocalInterpreter,
  itemsState,
  readerState,
  toleranceState,
} from '../support/sfn-local';
import { PIPELINE_ENV, PipelineHarness, pipelineDefinition } from './harness';
import { awsError, SAMPLES, sampleText } from './stand-ins';

useHandlerEnv(PIPELINE_ENV);
const def = pipelineDefinition();
const ALL_STEPS = ['extract', 'language', 'pii', 'sentiment', 'translate', 'summarize', 'speak'];
const doc = (name: string) => ({ name, text: sampleText(name) });
const ENGLISH = [doc('customer-email.en.txt'), doc('product-review.en.txt')];
useCapturedLogs(); // the handlers' log lines stay out of the test output

/** Items run through the interpreter and the wall time each run took there (AI_LAB_PIPELINE_TIMINGS=1 prints them). */
const timings: Array<{ run: string; items: number; ms: number }> = [];
afterAll(() => {
  if (!process.env.AI_LAB_PIPELINE_TIMINGS) return;
  const items = timings.reduce((n, t) => n + t.items, 0);
  const ms = timings.reduce((n, t) => n + t.ms, 0);
  process.stderr.write(
    `${JSON.stringify({ runs: timings, items, msPerItem: items ? ms / items : 0 }, null, 2)}\n`,
  );
});

/** Start a run through the API (inline documents, plus uploaded files), then run it. */
async function runPipeline(
  h: PipelineHarness,
  body: Record<string, unknown>,
  uploads: Array<[string, string]> = [],
) {
  let request = body;
  if (uploads.length) {
    const runId = 'r20261205000000-0a0b0c0d';
    for (const [name, content] of uploads) h.upload(runId, name, content);
    request = { ...body, runId };
  }
  const started = await h.start(request);
  expect(started.status).toBe(202);
  const result = await h.run();
  timings.push({ run: String(expect.getState().currentTestName), items: started.body.items, ms: result.ms });
  return { ...result, runId: started.body.runId as string, started };
}

describe('the definition', () => {
  test('is valid Amazon States Language (asl-validator), as synthesized', () => {
    const { isValid, errorsText } = aslValidator(def.definition as never);
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  test('uses JSONPath only, the query language the interpreter runs', () => {
    expect(JSON.stringify(def.definition)).not.toMatch(/JSONata|\{%/);
  });

  test('the local form changes only the Distributed Maps (and the one intrinsic the interpreter garbles)', () => {
    const maps = Object.keys(distributedMaps(def.definition));
    expect(maps.sort()).toEqual(['Finish documents', 'Process documents']);
    const local = forLocalInterpreter(def.definition) as { States: Record<string, unknown> };
    const original = def.definition as { States: Record<string, unknown> };
    for (const [name, state] of Object.entries(original.States)) {
      if (maps.includes(name)) continue;
      expect(local.States[name]).toEqual(state);
    }
    for (const m of maps) {
      expect(local.States[readerState(m)]).toMatchObject({ Type: 'Task' });
      expect(local.States[itemsState(m)]).toMatchObject({ Type: 'Map', ItemsPath: '$.__local.items' });
      expect(local.States[toleranceState(m)]).toMatchObject({ Type: 'Task' });
    }
  });
});

describe('a real-time run over the samples', () => {
  test('every document through every step; PII is replaced before translate and summarize see the text', async () => {
    const h = new PipelineHarness(def);
    const invoice = fs.readFileSync(path.join(SAMPLES, 'invoice-form.png'), 'latin1');
    const r = await runPipeline(h, { documents: ENGLISH, steps: ALL_STEPS, targetLanguage: 'ko' }, [
      ['invoice-form.png', invoice],
    ]);
    expect(r.error).toBeUndefined();
    const items = ['d00001', 'd00002', 'd00003'].map((id) => h.record(r.runId, id));
    expect(items.map((i) => i.status)).toEqual(['ok', 'ok', 'ok']);

    // The scan went through Textract; the text files were read from S3.
    expect(h.calls.attempts['Extract text (Textract)']).toBe(1);
    expect(h.calls.attempts['Read text file (S3)']).toBe(2);
    const email = items.find((i) => i.item.name === 'customer-email.en.txt')!;
    expect(email.doc.redacted).toEqual([
      { type: 'EMAIL', count: 1 },
      { type: 'NAME', count: 1 },
      { type: 'PHONE', count: 1 },
    ]);

    // What the stand-ins for Translate and Converse received: the redacted text, never the PII.
    const sent = JSON.stringify([h.calls.translate, h.calls.converse, h.calls.polly]);
    for (const pii of ['Jane Doe', '555-0100', 'jane.doe@example.com']) expect(sent).not.toContain(pii);
    expect(h.calls.translate.map((c) => c.Text)).toContain(email.doc.text);
    expect(email.doc.text).toContain('my name is [NAME]. Please call me at [PHONE] or write to [EMAIL]');
    // …and the record kept no original either.
    expect(JSON.stringify(items)).not.toContain('jane.doe@example.com');

    // Converse ran through the guardrail with the capped tokens; Polly spoke Korean.
    expect(h.calls.converse).toHaveLength(3);
    expect(h.calls.converse[0]).toMatchObject({
      ModelId: 'amazon.nova-micro-v1:0',
      InferenceConfig: { MaxTokens: 512, Temperature: 0 },
      GuardrailConfig: { GuardrailIdentifier: 'gr-local', GuardrailVersion: '1' },
    });
    expect(h.calls.converse[0]!.Messages[0].Content[0].Text).toMatch(
      /written in the language whose ISO code is "ko"/,
    );
    expect(h.calls.polly.map((c) => c.VoiceId)).toEqual(['Seoyeon', 'Seoyeon', 'Seoyeon']);
    expect(h.calls.polly[0]).toMatchObject({
      Engine: 'standard',
      OutputFormat: 'mp3',
      OutputS3BucketName: 'pipeline-documents',
    });
    expect(h.calls.polly.map((c) => c.OutputS3KeyPrefix).sort()).toEqual(
      ['d00001', 'd00002', 'd00003'].map((id) => `output/${r.runId}/${id}.`),
    );

    // The run's report: counts and the cost of every step.
    const report = h.bucket.json<any>(`results/${r.runId}/report.json`);
    expect(report.outcome).toBe('SUCCEEDED');
    expect(report.items).toEqual({ total: 3, ok: 3, failed: 0, pending: 0 });
    expect(report.cost.steps.map((s: { step: string }) => s.step)).toEqual([
      'extract',
      'language',
      'pii',
      'sentiment',
      'translate',
      'summarize',
      'guardrail',
      'speak',
      'orchestration',
    ]);
    expect(report.cost.steps[0]).toMatchObject({ step: 'extract', quantity: 1, costUsd: 0.0015 });
    expect(report.cost.totalUsd).toBeGreaterThan(0);
  });

  test('only the steps asked for run (and the language they need)', async () => {
    const h = new PipelineHarness(def);
    const r = await runPipeline(h, { documents: ENGLISH, steps: ['sentiment'] });
    expect(r.started.body.steps).toEqual(['language', 'sentiment']);
    expect(r.error).toBeUndefined();
    const rec = h.record(r.runId, 'd00001');
    expect(rec.sentiment.label).toBe('POSITIVE');
    expect(rec).not.toHaveProperty('translation');
    expect(h.calls.converse).toHaveLength(0);
    expect(h.calls.pii).toHaveLength(0);
  });

  test('one document fails and the run goes on: Korean text stops at pii, before anything sends it on', async () => {
    const h = new PipelineHarness(def);
    const r = await runPipeline(h, {
      documents: [...ENGLISH, doc('study-review.ko.txt'), doc('soporte.es.txt')],
      steps: ALL_STEPS,
      targetLanguage: 'ko',
    });
    expect(r.error).toBeUndefined();
    const korean = h.record(r.runId, 'd00003');
    expect(korean.status).toBe('failed');
    expect(korean.failed.pii).toEqual({
      Error: 'PiiLanguageNotSupported',
      Cause: expect.stringContaining('this document is ko, so nothing was sent to the later steps'),
    });
    // Fail closed: the Korean text reached no later service.
    const sent = JSON.stringify([h.calls.translate, h.calls.converse, h.calls.polly]);
    expect(sent).not.toContain(sampleText('study-review.ko.txt').slice(0, 20));
    // Spanish is redacted and goes on.
    expect(h.record(r.runId, 'd00004')).toMatchObject({ status: 'ok', language: { code: 'es' } });
    expect(sent).not.toContain('Ana García');
    const report = h.bucket.json<any>(`results/${r.runId}/report.json`);
    expect(report.items).toEqual({ total: 4, ok: 3, failed: 1, pending: 0 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        itemId: 'd00003',
        name: 'study-review.ko.txt',
        step: 'pii',
        error: 'PiiLanguageNotSupported',
      }),
    ]);
  });

  test('throttling is retried with backoff; other errors are not', async () => {
    const h = new PipelineHarness(def);
    let translateCalls = 0;
    h.override['Translate (Amazon Translate)'] = async (input) => {
      translateCalls += 1;
      if (translateCalls <= 2) throw awsError('Translate.ThrottlingException', 'Rate exceeded');
      return { TranslatedText: `[ko] ${input.Text}`, SourceLanguageCode: 'en', TargetLanguageCode: 'ko' };
    };
    h.override['Sentiment (Comprehend)'] = async () => {
      throw awsError('Comprehend.UnsupportedLanguageException', 'not supported');
    };
    const r = await runPipeline(h, {
      documents: [ENGLISH[0]!],
      steps: ['language', 'translate', 'summarize'],
      targetLanguage: 'ko',
    });
    expect(r.error).toBeUndefined();
    expect(h.calls.attempts['Translate (Amazon Translate)']).toBe(3);
    expect(h.record(r.runId, 'd00001').status).toBe('ok');

    const h2 = new PipelineHarness(def);
    h2.override['Sentiment (Comprehend)'] = h.override['Sentiment (Comprehend)']!;
    const r2 = await runPipeline(h2, { documents: ENGLISH, steps: ['sentiment'] });
    expect(h2.calls.attempts['Sentiment (Comprehend)']).toBe(2); // once per document, no retry
    // Every document failed, more than the 50% tolerated: the Map Run (emulated) stops the run.
    expect(r2.error?.message).toMatch(/States.ExceedToleratedFailureThreshold|child executions failed/);
    const report = h2.bucket.json<any>(`results/${r2.runId}/report.json`);
    expect(report.outcome).toBe('FAILED');
    expect(report.failures.map((f: { error: string }) => f.error)).toEqual([
      'Comprehend.UnsupportedLanguageException',
      'Comprehend.UnsupportedLanguageException',
    ]);
  });

  test('a document too long for DetectSentiment fails with both sizes named', async () => {
    const h = new PipelineHarness(def);
    h.upload('r20261205000000-0a0b0c0d', 'long.txt', 'word '.repeat(1_200));
    const r = await runPipeline(h, {
      runId: 'r20261205000000-0a0b0c0d',
      documents: [ENGLISH[0]!],
      steps: ['sentiment'],
    });
    const long = [h.record(r.runId, 'd00001'), h.record(r.runId, 'd00002')].find(
      (x) => x.item.name === 'long.txt',
    )!;
    expect(long.failed.extract.Error).toBe('DocumentTooLarge');
    expect(long.failed.extract.Cause).toMatch(/5999 bytes of UTF-8; the pipeline takes at most 5000 bytes/);
  });

  test('an empty run is refused before anything starts; the definition itself ends cleanly on zero items', async () => {
    const h = new PipelineHarness(def);
    h.bucket.put('input/r20261205000000-0e0e0e0e/README', 'not a document');
    const refused = await h.start({ runId: 'r20261205000000-0e0e0e0e', steps: ['language'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/has no documents/);
    expect(refused.input).toBeUndefined();

    const { executionInput } =
      require('../../lambda/pipeline/run') as typeof import('../../lambda/pipeline/run');
    const runId = 'r20261205000000-0f0f0f0f';
    h.bucket.put(`input/${runId}/manifest.jsonl`, '');
    const r = await h.run(executionInput(runId, { inference: 'realtime' }, ['language'], 0));
    expect(r.error).toBeUndefined();
    expect(h.bucket.json<any>(`results/${runId}/report.json`).items).toEqual({
      total: 0,
      ok: 0,
      failed: 0,
      pending: 0,
    });
    expect(Object.keys(h.calls.attempts).filter((s) => /Comprehend|Translate|Bedrock|Polly/.test(s))).toEqual(
      [],
    );
  });
});

describe('a batch run (일괄 추론)', () => {
  const BATCH = [...ENGLISH, doc('soporte.es.txt')];

  test('the job is submitted, the run waits, and the job-state event resumes it', async () => {
    const h = new PipelineHarness(def);
    let waited = false;
    h.onBatchWait = async (runId) => {
      waited = true;
      // Nothing polls: the run is paused until Bedrock's event arrives.
      expect(h.calls.createJob).toHaveLength(1);
      h.answerBatch('job1', runId);
      await h.jobEvent('InProgress', runId); // not final: ignored
      await h.jobEvent('Completed', runId);
    };
    const r = await runPipeline(h, {
      documents: BATCH,
      steps: ALL_STEPS,
      targetLanguage: 'ko',
      inference: 'batch',
    });
    expect(r.error).toBeUndefined();
    expect(waited).toBe(true);

    expect(h.calls.converse).toHaveLength(0);
    expect(h.calls.createJob[0]).toEqual({
      JobName: `ai-lab-pipeline-${r.runId}`,
      RoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/BatchJobRole/),
      ModelId: 'amazon.nova-micro-v1:0',
      ModelInvocationType: 'Converse',
      InputDataConfig: {
        S3InputDataConfig: {
          S3Uri: `s3://pipeline-documents/batch/${r.runId}/input/records.jsonl`,
          S3InputFormat: 'JSONL',
        },
      },
      OutputDataConfig: { S3OutputDataConfig: { S3Uri: `s3://pipeline-documents/batch/${r.runId}/output/` } },
      TimeoutDurationInHours: 24,
    });
    // One Converse record per document, redacted, with the capped tokens.
    const lines = h.bucket
      .get(`batch/${r.runId}/input/records.jsonl`)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.recordId)).toEqual(['d00001', 'd00002', 'd00003']);
    expect(lines[0].modelInput.inferenceConfig).toEqual({ maxTokens: 512, temperature: 0 });
    expect(JSON.stringify(lines)).not.toMatch(/Jane Doe|Ana García|@example\.com/);

    // Answers mapped back to their items, checked by the guardrail, spoken; the report compares prices.
    const rec = h.record(r.runId, 'd00002');
    expect(rec).toMatchObject({
      status: 'ok',
      summary: {
        text: 'Summary of d00002.',
        inference: 'batch',
        inputTokens: 100,
        outputTokens: 20,
        guardrail: { action: 'NONE' },
      },
      speech: { voice: 'Seoyeon' },
    });
    const report = h.bucket.json<any>(`results/${r.runId}/report.json`);
    expect(report.items).toEqual({ total: 3, ok: 3, failed: 0, pending: 0 });
    expect(report.cost.batch.onDemandUsd).toBeCloseTo(report.cost.batch.batchUsd * 2, 12);
  });

  test('a job that fails fails the run, with its reason in the report', async () => {
    const h = new PipelineHarness(def);
    h.onBatchWait = async (runId) => {
      await h.jobEvent('Failed', runId, 'The input file has records the model cannot read.');
    };
    const r = await runPipeline(h, { documents: BATCH, steps: ['summarize'], inference: 'batch' });
    expect(r.error?.message).toMatch(/Bedrock.BatchJobFailed|The input file has records/);
    const report = h.bucket.json<any>(`results/${r.runId}/report.json`);
    expect(report.outcome).toBe('FAILED');
    expect(report.error).toEqual({
      Error: 'Bedrock.BatchJobFailed',
      Cause: 'The input file has records the model cannot read.',
    });
    expect(report.items.pending).toBe(3);
  });

  test('fewer answerable documents than the job minimum: no job is submitted', async () => {
    const h = new PipelineHarness(def);
    const r = await runPipeline(h, {
      documents: [...ENGLISH, doc('study-review.ko.txt')],
      steps: ['pii', 'summarize'],
      inference: 'batch',
    });
    expect(h.calls.createJob).toHaveLength(0);
    expect(r.error?.message).toMatch(/BatchTooSmall|needs at least 3 records/);
  });
});
