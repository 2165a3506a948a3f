/**
 * A run as the workflow sees it: the steps a request asked for (with the ones they need), the
 * execution's input, the manifest of items the Distributed Map reads, and the record each item
 * leaves in results/. Pure: no AWS calls, so the API, the workflow tests and the CLI share it.
 */
import { randomBytes } from 'node:crypto';
import { badRequest } from '../shared/errors';
import {
  type DocumentType,
  itemId,
  PII_LANGUAGES,
  type RunRequest,
  STEPS,
  type Step,
  TEXTRACT_TYPES,
  VOICES,
} from './schemas';

/** A new run id: `r` + UTC yyyymmddHHMMss + 8 random hex digits (sortable, unguessable enough). */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `r${stamp}-${randomBytes(4).toString('hex')}`;
}

/** Where a run's files live in the pipeline bucket. */
export const keys = {
  inputPrefix: (runId: string) => `input/${runId}/`,
  manifest: (runId: string) => `input/${runId}/manifest.jsonl`,
  itemPrefix: (runId: string) => `results/${runId}/items/`,
  item: (runId: string, id: string) => `results/${runId}/items/${id}.json`,
  mapResults: (runId: string) => `results/${runId}/map`,
  report: (runId: string) => `results/${runId}/report.json`,
  speech: (runId: string, id: string) => `output/${runId}/${id}.`,
  batchInput: (runId: string) => `batch/${runId}/input/records.jsonl`,
  batchOutputPrefix: (runId: string) => `batch/${runId}/output/`,
  batchToken: (runId: string) => `batch/${runId}/task-token`,
  finishManifest: (runId: string) => `batch/${runId}/finish.jsonl`,
};

/**
 * The steps a run takes, in order, with the ones the asked-for steps depend on:
 * pii, sentiment and speak need the document's language (DetectPiiEntities and DetectSentiment
 * take a LanguageCode; speak picks a voice by it) unless translate sets the spoken language.
 */
export function plannedSteps(asked: readonly Step[]): { steps: Step[]; added: Step[] } {
  const want = new Set(asked);
  const added: Step[] = [];
  const needsLanguage =
    want.has('pii') || want.has('sentiment') || (want.has('speak') && !want.has('translate'));
  if (needsLanguage && !want.has('language')) {
    want.add('language');
    added.push('language');
  }
  return { steps: STEPS.filter((s) => want.has(s)), added };
}

/** One line of the run's manifest: what the Distributed Map's ItemReader hands each child. */
export interface ManifestItem {
  readonly itemId: string;
  readonly key: string;
  readonly name: string;
  readonly type: DocumentType;
}

export function manifestItems(
  files: ReadonlyArray<{ key: string; name: string; type: DocumentType }>,
): ManifestItem[] {
  return files.map((f, i) => ({ itemId: itemId(i), key: f.key, name: f.name, type: f.type }));
}

export const toJsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n');

/** Refuse before any AWS call what the steps cannot do with these items. */
export function assertRunnable(steps: readonly Step[], items: readonly ManifestItem[]): void {
  const scans = items.filter((i) => TEXTRACT_TYPES.includes(i.type));
  if (scans.length > 0 && !steps.includes('extract')) {
    throw badRequest(
      `${scans.length} of the documents are images or PDFs (${scans[0]!.name}…): add the extract step, which reads them with Textract.`,
    );
  }
}

/** The run settings every child reads (the `run` object of each item's state). */
export interface RunSettings {
  readonly runId: string;
  readonly inference: 'realtime' | 'batch';
  /** Which steps run, as flags a Choice state can test. */
  readonly do: Record<Step, boolean>;
  readonly targetLanguage: string;
  /** How the summary prompt names the language to write in. */
  readonly summaryLanguage: string;
}

/** What StartExecution receives: the run's settings and where its manifest is. */
export interface ExecutionInput {
  readonly runId: string;
  readonly manifestKey: string;
  readonly itemCount: number;
  readonly run: RunSettings;
}

export function executionInput(
  runId: string,
  req: Pick<RunRequest, 'targetLanguage' | 'inference'>,
  steps: readonly Step[],
  itemCount: number,
): ExecutionInput {
  const flags = Object.fromEntries(STEPS.map((s) => [s, steps.includes(s)])) as Record<Step, boolean>;
  const target = req.targetLanguage ?? '';
  return {
    runId,
    manifestKey: keys.manifest(runId),
    itemCount,
    run: {
      runId,
      inference: req.inference,
      do: flags,
      // Choice states compare with StringEqualsPath; 'none' never equals a language code.
      targetLanguage: flags.translate ? target : 'none',
      summaryLanguage: flags.translate
        ? `the language whose ISO code is "${target}"`
        : 'the same language as the document',
    },
  };
}

/** Languages the pii step reads; other items fail it and are not sent further (fail closed). */
export const PII_LANGUAGE_SET: ReadonlySet<string> = new Set(PII_LANGUAGES);
export const VOICE_LANGUAGES = Object.keys(VOICES);

/** What each item leaves in results/<runId>/items/<itemId>.json (the child workflow's state). */
export interface ItemRecord {
  readonly item: ManifestItem;
  readonly run: RunSettings;
  readonly status?: 'ok' | 'failed' | 'pending-batch';
  readonly doc?: {
    readonly text?: string;
    readonly chars?: number;
    readonly bytes?: number;
    readonly pages?: number;
    readonly redacted?: ReadonlyArray<{ type: string; count: number }>;
    readonly piiChars?: number;
  };
  readonly language?: { code: string; score: number };
  readonly sentiment?: { label: string; scores: Record<string, number> };
  readonly translation?: { text: string; from: string; to: string; chars?: number };
  /** The summary prompt (instruction + the redacted text), built once for both inference modes. */
  readonly prompt?: { readonly text: string };
  readonly summary?: {
    text?: string;
    stopReason?: string;
    inputTokens?: number;
    outputTokens?: number;
    inference?: 'realtime' | 'batch';
    guardrail?: { action?: string };
  };
  /** What speak read aloud, and in which language. */
  readonly speechInput?: { readonly text: string; readonly language: string };
  readonly speech?: { uri?: string; voice?: string; taskId?: string };
  readonly failed?: Record<string, { Error?: string; Cause?: string }>;
}

/** The step an item failed at, and why, from the Catch results the workflow stored under `failed`. */
export function failureOf(record: ItemRecord): { step: string; error: string; cause: string } | undefined {
  const entry = Object.entries(record.failed ?? {})[0];
  if (!entry) return undefined;
  const [step, e] = entry;
  return { step, error: e.Error ?? 'Error', cause: e.Cause ?? '' };
}
