/**
 * The buffered Bedrock function as its handler tests load it: the environment the stack sets, the notes
 * index the stack inlines at synth (a global here), the runtime client mocked, and the logs captured for
 * each test. Call at the top of the test file, before anything imports the handler.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { buildNotesIndexJson } from '../../lambda/bedrock/notes-index';
import { useHandlerEnv } from './handler-env';
import { captureLogs, type LogCapture } from './logs';

export const ROOT = path.join(__dirname, '..', '..');

/** The environment of the buffered function as deployed in Seoul (each model through its apac. profile). */
export const SEOUL_BEDROCK_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'ap-northeast-2',
  MODEL_ID: 'apac.amazon.nova-micro-v1:0',
  MAX_TOKENS_CAP: '512',
  DOCUMENT_MODEL_ID: 'apac.amazon.nova-lite-v1:0',
  GUARDRAIL_ID: 'gr-seoul',
  GUARDRAIL_VERSION: '3',
  GUARDRAIL_TIER: 'STANDARD',
};

export function loadBedrockHandler(env: Record<string, string> = { ...SEOUL_BEDROCK_ENV }) {
  useHandlerEnv(env);
  (globalThis as Record<string, unknown>).__NOTES_INDEX__ = buildNotesIndexJson(
    fs.readFileSync(path.join(ROOT, 'notes', 'study-notes.md'), 'utf8'),
  );
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).__NOTES_INDEX__;
  });
  const { handler } =
    require('../../lambda/bedrock/handler') as typeof import('../../lambda/bedrock/handler');
  const bedrock = mockClient(BedrockRuntimeClient);
  const logs: { current?: LogCapture } = {};
  beforeEach(() => {
    bedrock.reset();
    logs.current = captureLogs();
  });
  afterEach(() => logs.current?.restore());
  return { handler, bedrock, logText: () => logs.current!.text() };
}
