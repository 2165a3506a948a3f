/**
 * The Bedrock handler's refusals: bad input is a 4xx before any call to AWS, and AWS errors are
 * mapped to actionable messages. Shared setup: ./harness.ts.
 */
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { MAX_PROMPT_BYTES, MAX_QUESTION_CHARS } from '../../../lambda/bedrock/schemas';
import { apiEvent, bodyOf } from '../../support/events';
import { awsError, PROMPT_SECRET, samplePrompt, useBedrockHandler } from './harness';

const { handler, bedrock, call, converse, askNotes } = useBedrockHandler();

describe('bad input never reaches AWS', () => {
  it.each([
    ['non-JSON', '{not json'],
    ['a JSON array', '[1,2]'],
    ['neither prompt nor elements', {}],
    ['both prompt and elements', { prompt: 'Hi', instruction: 'Summarise' }],
    ['only context and output format', { context: 'Background', outputIndicator: 'JSON' }],
    ['empty prompt', { prompt: '   ' }],
    ['temperature 2', { prompt: 'Hi', temperature: 2 }],
    ['topP -0.1', { prompt: 'Hi', topP: -0.1 }],
    ['maxTokens 0', { prompt: 'Hi', maxTokens: 0 }],
    ['maxTokens 1.5', { prompt: 'Hi', maxTokens: 1.5 }],
    ['samples 4', { prompt: 'Hi', samples: 4 }],
    ['samples 0', { prompt: 'Hi', samples: 0 }],
    ['unknown field', { prompt: 'Hi', modelId: 'anthropic.claude-v2' }],
    ['wrong type', { prompt: 42 }],
  ])('converse: %s → 400', async (_label, body) => {
    const res = await converse(body);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.any(String),
      requestId: 'req-0001',
    });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it.each([
    ['no question', {}],
    ['empty question', { question: ' ' }],
    ['question too long', { question: 'x'.repeat(MAX_QUESTION_CHARS + 1) }],
    ['topK 6', { question: 'prompt', topK: 6 }],
    ['temperature 2', { question: 'prompt', temperature: 2 }],
    ['unknown field', { question: 'prompt', passages: [] }],
  ])('ask-notes: %s → 400', async (_label, body) => {
    const res = await askNotes(body);
    expect(res.statusCode).toBe(400);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('no body → 400', async () => {
    const res = await handler(apiEvent({ resource: '/bedrock/converse' }));
    expect(res.statusCode).toBe(400);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it(`a prompt over ${MAX_PROMPT_BYTES} bytes → 413`, async () => {
    const res = await converse({ prompt: 'x'.repeat(MAX_PROMPT_BYTES + 1) });
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error.message).toMatch(new RegExp(`${MAX_PROMPT_BYTES} bytes`));
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('assembled elements over the limit (Korean, 3 bytes a character) → 413', async () => {
    const half = '가'.repeat(Math.ceil(MAX_PROMPT_BYTES / 6));
    const res = await converse({ instruction: '요약하십시오.', context: half, inputData: half });
    expect(res.statusCode).toBe(413);
    expect(bedrock.calls()).toHaveLength(0);
  });

  it('an unknown route → 404 and a wrong method → 405', async () => {
    expect((await call('/bedrock/nope', { prompt: 'x' })).statusCode).toBe(404);
    expect((await handler(apiEvent({ method: 'GET', resource: '/bedrock/converse' }))).statusCode).toBe(405);
  });
});

describe('AWS errors are mapped to actionable messages', () => {
  it.each([
    [
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      403,
      403,
      'MODEL_ACCESS',
      /amazon\.nova-micro-v1:0 in us-east-1\. There is no model access page.*enabled on first use.*SCPs/,
    ],
    [
      'AccessDeniedException',
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
      403,
      403,
      'MODEL_ACCESS',
      /AWS Marketplace subscription.*Model catalog, Region us-east-1.*up to 15 minutes/,
    ],
    [
      'AccessDeniedException',
      'Model use case details have not been submitted for this account.',
      403,
      403,
      'MODEL_ACCESS',
      /use-case details.*Model catalog, Region us-east-1/,
    ],
    [
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: bedrock:InvokeModel',
      403,
      403,
      'ACCESS_DENIED',
      /BedrockInvoke policy/,
    ],
    [
      'ValidationException',
      "Invocation of model ID amazon.nova-micro-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      400,
      400,
      'MODEL_NOT_AVAILABLE',
      /not available in us-east-1.*-c bedrockModelId=<an inference profile id like us\.amazon\.nova-micro-v1:0>/,
    ],
    [
      'ValidationException',
      'The provided model identifier is invalid.',
      400,
      400,
      'MODEL_NOT_AVAILABLE',
      /-c bedrockModelId=/,
    ],
    ['ResourceNotFoundException', 'Model not found.', 404, 404, 'MODEL_NOT_AVAILABLE', /-c bedrockModelId=/],
    [
      'ValidationException',
      'Malformed input request: temperature out of range',
      400,
      400,
      'INVALID_REQUEST',
      /ValidationException/,
    ],
    ['ThrottlingException', 'Too many requests', 429, 429, 'THROTTLED', /Retry/],
    ['ModelNotReadyException', 'Model is not ready', 429, 429, 'MODEL_NOT_READY', /Retry/],
    ['ServiceQuotaExceededException', 'Quota exceeded', 400, 429, 'THROTTLED', /Service Quotas/],
    ['ModelTimeoutException', 'Timed out', 408, 504, 'MODEL_TIMEOUT', /maxTokens/],
    [
      'TimeoutError',
      'Stream timed out because of no activity for 12000 ms',
      500,
      504,
      'UPSTREAM_TIMEOUT',
      /time/,
    ],
    ['ServiceUnavailableException', 'Unavailable', 503, 503, 'UPSTREAM_UNAVAILABLE', /Try again/],
    ['ModelErrorException', 'The model failed', 424, 502, 'MODEL_ERROR', /another model/],
    ['InternalServerException', 'Internal', 500, 502, 'UPSTREAM_ERROR', /failed/],
  ])('%s (%s; AWS %s) → %s', async (name, message, awsStatus, status, code, pattern) => {
    bedrock.on(ConverseCommand).rejects(awsError(name, message, awsStatus));
    const res = await converse({ prompt: PROMPT_SECRET });
    expect(res.statusCode).toBe(status);
    const { error } = bodyOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(pattern);
    expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack trace
    expect(res.body).not.toContain('Bluebird');
  });

  it('ask-notes maps errors the same way', async () => {
    bedrock
      .on(ConverseCommand)
      .rejects(awsError('AccessDeniedException', 'You do not have access to the model'));
    const res = await askNotes(samplePrompt('ask-notes.json'));
    expect(res.statusCode).toBe(403);
    expect(bodyOf(res).error.code).toBe('MODEL_ACCESS');
  });
});
