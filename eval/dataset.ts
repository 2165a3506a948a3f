/**
 * Eval data sets (samples/eval/*.json): a task, its language, how the prompt is built, and items,
 * each with its reference and where the reference comes from. Validated with zod on load, so a
 * data set that cannot be scored fails before any call is made, naming the file and the field.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from '../lambda/bedrock/schemas';

export const EVAL_DIR = path.join(__dirname, '..', 'samples', 'eval');

export const TASKS = ['short-answer', 'label', 'ask-notes', 'pii', 'guardrail'] as const;
export type Task = (typeof TASKS)[number];

const text = z.string().trim().min(1);
const fact = z.union([text, z.array(text).min(1)]);

export const itemSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)'),
  /** The question, text to classify, text with PII, or prompt. */
  input: text.max(4_000),
  /** short-answer / ask-notes: the reference answer; label: the expected label. */
  reference: text.optional(),
  /** short-answer / ask-notes: facts the answer must state, each a list of accepted spellings. */
  facts: z.array(fact).optional(),
  /** ask-notes: (part of) the heading of the section the answer should cite. */
  citation: text.optional(),
  /** pii: strings that must not come back in the answer (the PII in the input). */
  mustNotContain: z.array(text).min(1).optional(),
  /** guardrail: whether the lab guardrail should intervene. */
  expectIntervention: z.boolean().optional(),
  /** Where the reference comes from (a section of the notes, a written-for-the-lab example …). */
  source: text,
});
export type Item = z.infer<typeof itemSchema>;

export const datasetSchema = z
  .strictObject({
    /** Shown in reports and used as the Dataset dimension of published scores. */
    name: z.string().regex(/^[a-z0-9.-]{1,40}$/),
    task: z.enum(TASKS),
    lang: z.enum(['en', 'ko']),
    description: text,
    /** Put before each item's input in the prompt (not used by ask-notes, which has its own). */
    instruction: text.optional(),
    /** label: the allowed labels, as the reference and Comprehend spell them. */
    labels: z.array(text).min(2).optional(),
    /** Sent with every model call; also the output bound of the cost estimate. */
    maxTokens: z.number().int().min(1).max(1_000).default(200),
    temperature: z.number().min(0).max(1).optional(),
    items: z.array(itemSchema).min(1).max(200),
  })
  .superRefine((d, ctx) => {
    const need = (i: number, field: keyof Item, ok: boolean) => {
      if (!ok)
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, field],
          message: `a ${d.task} item needs ${field}`,
        });
    };
    if (d.task === 'label' && !d.labels)
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a label task needs labels' });
    const ids = new Set<string>();
    d.items.forEach((item, i) => {
      if (ids.has(item.id))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate id ${item.id}` });
      ids.add(item.id);
      if (d.task === 'short-answer') need(i, 'reference', Boolean(item.reference));
      if (d.task === 'label') {
        need(i, 'reference', Boolean(item.reference));
        if (item.reference && d.labels && !d.labels.includes(item.reference))
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'reference'],
            message: `not one of ${d.labels.join(', ')}`,
          });
      }
      if (d.task === 'ask-notes') {
        need(i, 'citation', Boolean(item.citation));
        if (item.input.length > MAX_QUESTION_CHARS)
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'input'],
            message: `ask-notes questions are at most ${MAX_QUESTION_CHARS} characters`,
          });
      }
      if (d.task === 'pii') need(i, 'mustNotContain', Boolean(item.mustNotContain));
      if (d.task === 'guardrail') need(i, 'expectIntervention', item.expectIntervention !== undefined);
    });
  });
export type Dataset = z.infer<typeof datasetSchema> & {
  /** The file it was read from, relative to the project when inside it. */
  readonly file: string;
  /** sha256 of the file's bytes: a resumed run must be scoring the same data. */
  readonly hash: string;
};

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Every data set in samples/eval/, by name (file name without .json). */
export function datasetNames(dir = EVAL_DIR): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
}

/** A name in samples/eval/ or a path to a JSON file. */
export function resolveDataset(spec: string, cwd: string, dir = EVAL_DIR): string {
  const named = path.join(dir, `${spec}.json`);
  if (/^[a-z0-9.-]+$/.test(spec) && existsSync(named)) return named;
  const file = path.resolve(cwd, spec);
  if (existsSync(file)) return file;
  throw new DatasetError(
    `No data set '${spec}': give a name from samples/eval (${datasetNames(dir).join(', ')}) or a path to a JSON file.`,
  );
}

export function loadDataset(file: string, root = path.join(__dirname, '..')): Dataset {
  const bytes = readFileSync(file);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new DatasetError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = datasetSchema.safeParse(raw);
  const rel = path.relative(root, file);
  const shown = rel.startsWith('..') ? file : rel;
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new DatasetError(`${shown} is not a valid eval data set:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, file: shown, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** The data set with only its first `limit` items. */
export function limited(d: Dataset, limit: number | undefined): Dataset {
  return limit === undefined ? d : { ...d, items: d.items.slice(0, limit) };
}
