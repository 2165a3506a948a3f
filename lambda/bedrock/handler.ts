/** AiLab-Bedrock: FM prompts, guardrails, non-determinism, RAG over the notes, token costs. */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { type ClientSettings, clientConfig } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { compareRoute } from './compare';
import { bedrockEnv, compareModelIds } from './env';
import { loadNotesIndex, type NotesIndex } from './notes-index';
import { bedrockRoutes } from './routes';

/** The notes index JSON, inlined by esbuild (`define`, see BedrockStack); tests set it on globalThis. */
declare const __NOTES_INDEX__: string;

/**
 * Converse client timeouts. Worst case, retries included:
 *   2 attempts × (1 s connect + 12 s request) = 26 s, + one retry backoff (≤ 0.5 s for throttling)
 *   ≈ 26.5 s < 28 s function timeout < 29 s API Gateway integration timeout.
 * The Bedrock client uses HTTP/2, where requestTimeout is the stream's no-activity limit; Converse
 * sends nothing until the answer is complete, so it bounds each attempt. 12 s is ample for the
 * default 512-token cap on Nova Micro; a much higher bedrockMaxTokensCap may need a faster model.
 */
export const BEDROCK_CLIENT_SETTINGS: ClientSettings = {
  maxAttempts: 2,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 12_000,
};

/** Read once; referenced once, so esbuild inlines the ~90 KB literal once. */
function notesIndexJson(): string {
  let json: unknown;
  try {
    json = __NOTES_INDEX__;
  } catch {
    json = undefined; // not bundled and not set on globalThis
  }
  if (typeof json !== 'string' || json === '') {
    throw new Error(
      '__NOTES_INDEX__ is not defined; BedrockStack passes the notes index to esbuild as a define.',
    );
  }
  return json;
}

const env = bedrockEnv();
const compareModels = compareModelIds();
const notesJson = notesIndexJson(); // fail at start-up if the stack did not inline the index
let notesIndex: NotesIndex | undefined;
const client = new BedrockRuntimeClient(clientConfig(BEDROCK_CLIENT_SETTINGS));

const deps = { client, maxTokensCap: env.maxTokensCap, guardrail: env.guardrail, region: env.region };

export const handler = createApiHandler({
  service: 'bedrock',
  routes: [
    ...bedrockRoutes({
      ...deps,
      modelId: env.modelId,
      notesIndex: () => {
        notesIndex ??= loadNotesIndex(notesJson);
        return notesIndex;
      },
    }),
    ...(compareModels ? [compareRoute({ ...deps, models: compareModels })] : []),
  ],
});
