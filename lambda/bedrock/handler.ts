/** AiLab-Bedrock: FM prompts, guardrails, non-determinism, RAG over the notes, token costs, documents read by a multimodal model. */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { http2ClientConfig, MODEL_API } from '../shared/aws';
import { createApiHandler } from '../shared/http';
import { compareRoute } from './compare';
import { bedrockEnv, compareModelIds, documentModelId } from './env';
import { loadNotesIndex, type NotesIndex } from './notes-index';
import { readDocumentRoute } from './read-document';
import { bedrockRoutes } from './routes';

/** The notes index JSON, inlined by esbuild (`define`, see BedrockStack); tests set it on globalThis. */
declare const __NOTES_INDEX__: string;

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
const documentModel = documentModelId();
const notesJson = notesIndexJson(); // fail at start-up if the stack did not inline the index
let notesIndex: NotesIndex | undefined;
// HTTP/2 with the client's own defaults and a connect timeout; no per-attempt timeout and no retry
// of a timed-out call: the request's deadline ends a Converse call (lambda/shared/aws.ts, deadline.ts).
const client = new BedrockRuntimeClient(http2ClientConfig(MODEL_API));

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
    readDocumentRoute({ ...deps, modelId: documentModel }),
  ],
});
