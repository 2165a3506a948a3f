/**
 * The Bedrock handler tests' shared setup: the handler and its routes loaded with a test environment
 * and the notes index, Bedrock mocked and reset before each test, logs captured; canned replies,
 * AWS errors and cost helpers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { buildNotesIndexJson } from '../../../lambda/bedrock/notes-index';
import { guardrailCost, roundUsd } from '../../../lambda/shared/pricing';
import { apiEvent } from '../../support/events';
import { useHandlerEnv } from '../../support/handler-env';
import { useCapturedLogs } from '../../support/logs';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const NOTES_JSON = buildNotesIndexJson(
  fs.readFileSync(path.join(ROOT, 'notes', 'study-notes.md'), 'utf8'),
);
export const samplePrompt = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'prompts', file), 'utf8')) as Record<string, any>;

export const GUARDRAIL_CONFIG = { guardrailIdentifier: 'gr-test', guardrailVersion: '1', trace: 'enabled' };
export const PROMPT_SECRET = 'Summarise the memo about Project Bluebird for Jane Doe';
export const ANSWER_SECRET = 'Project Bluebird ships on Tuesday, says the model';

export function reply(
  text: string,
  inputTokens = 20,
  outputTokens = 10,
  extra: Partial<ConverseCommandOutput> = {},
): ConverseCommandOutput {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    metrics: { latencyMs: 300 },
    $metadata: {},
    ...extra,
  };
}

export function awsError(name: string, message = `${name} from AWS`, status = 400) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

/** Guardrail cost by characters, as the route estimates it when the trace has no units. */
export const charGuardrailCost = (inputChars: number, outputChars: number) =>
  roundUsd(
    guardrailCost(inputChars, { contentFilters: true, sensitiveInfo: true }) +
      guardrailCost(outputChars, { contentFilters: true, sensitiveInfo: true }),
  );

/** Loads the handler (its environment and notes index first) and registers the mock's and logs' hooks. */
export function useBedrockHandler() {
  useHandlerEnv({
    MODEL_ID: 'amazon.nova-micro-v1:0',
    MAX_TOKENS_CAP: '512',
    DOCUMENT_MODEL_ID: 'amazon.nova-lite-v1:0',
    GUARDRAIL_ID: 'gr-test',
    GUARDRAIL_VERSION: '1',
    COMPARE_MODEL_IDS: 'amazon.nova-micro-v1:0,amazon.nova-lite-v1:0,amazon.nova-pro-v1:0',
  });
  (globalThis as Record<string, unknown>).__NOTES_INDEX__ = NOTES_JSON;

  const { handler } =
    require('../../../lambda/bedrock/handler') as typeof import('../../../lambda/bedrock/handler');
  const { bedrockRoutes, RAG_EXPLANATION } =
    require('../../../lambda/bedrock/routes') as typeof import('../../../lambda/bedrock/routes');

  afterAll(() => {
    delete (globalThis as Record<string, unknown>).__NOTES_INDEX__;
  });

  const bedrock = mockClient(BedrockRuntimeClient);
  const logs = useCapturedLogs();
  beforeEach(() => bedrock.reset());

  const call = (resource: string, body: unknown) => handler(apiEvent({ resource, body }));
  const converse = (body: unknown) => call('/bedrock/converse', body);
  const askNotes = (body: unknown) => call('/bedrock/ask-notes', body);

  /** The Converse input of the n-th call. */
  const sent = (n = 0) => bedrock.commandCalls(ConverseCommand)[n]!.args[0].input as ConverseCommandInput;

  return {
    handler,
    bedrockRoutes,
    RAG_EXPLANATION,
    bedrock,
    /** This test's log capture. */
    logs: () => logs,
    call,
    converse,
    askNotes,
    sent,
  };
}
