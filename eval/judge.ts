/**
 * The optional LLM judge (`--judge MODEL`): the prompt is eval/judge-prompt.md, kept in the repo so a
 * learner can read and change what the judge is told; its calls are priced like any other.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fill } from '../lib/i18n';

export const JUDGE_PROMPT_FILE = path.join(__dirname, 'judge-prompt.md');

let template: string | undefined;

export function judgePromptTemplate(): string {
  template ??= readFileSync(JUDGE_PROMPT_FILE, 'utf8');
  return template;
}

/** The judge's prompt for one answer (values are inserted once, never read as placeholders). */
export function judgePrompt(v: { question: string; reference: string; answer: string }): string {
  return fill(judgePromptTemplate(), v);
}

/** The verdict in the judge's reply: its JSON when it wrote some, else the first verdict word. */
export function parseVerdict(reply: string): 'correct' | 'incorrect' | 'unparsed' {
  const json = /\{[^{}]*\}/.exec(reply)?.[0];
  if (json) {
    try {
      const v = String((JSON.parse(json) as { verdict?: unknown }).verdict ?? '').toLowerCase();
      if (v === 'correct' || v === 'incorrect') return v;
    } catch {
      // not JSON after all: read the words
    }
  }
  const word = /\b(incorrect|correct)\b/i.exec(reply)?.[1]?.toLowerCase();
  return word === 'correct' || word === 'incorrect' ? word : 'unparsed';
}
