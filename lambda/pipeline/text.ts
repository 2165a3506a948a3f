/**
 * The two text operations the workflow cannot do in the Amazon States Language (JSONPath has no
 * string join, length or substring): turning Textract's lines or an S3 object's body into one
 * checked text, and replacing each PII entity Comprehend found with its type. Pure functions; the
 * child workflow calls them through lambda/pipeline/text-handler.ts.
 */
import type { PiiEntity } from '@aws-sdk/client-comprehend';
import { redactPii } from '../comprehend/logic';
import { utf8Bytes } from '../shared/body';
import { MAX_TEXT_BYTES } from './schemas';

/** An item-level failure: the workflow records `name` and `message` and the run goes on. */
export class ItemError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface PreparedText {
  readonly text: string;
  /** Characters (code points), the unit Comprehend and Translate bill by. */
  readonly chars: number;
  readonly bytes: number;
  /** Pages Textract read (billed per page); 0 for text files. */
  readonly pages: number;
}

export interface PrepareInput {
  /** Textract's LINE blocks, in reading order. */
  readonly lines?: readonly string[];
  /** Or an S3 object's body (text/plain). */
  readonly body?: string;
  readonly pages?: number;
}

/** Join Textract lines (or take the text file's body) and check it fits every step. */
export function prepareText(input: PrepareInput): PreparedText {
  const raw = input.lines ? input.lines.join('\n') : (input.body ?? '');
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) {
    throw new ItemError(
      'EmptyDocument',
      input.lines
        ? 'Textract found no text in this document (it reads English, German, French, Spanish, Italian and Portuguese print; send other languages as text).'
        : 'The document is empty.',
    );
  }
  const bytes = utf8Bytes(text);
  if (bytes > MAX_TEXT_BYTES) {
    throw new ItemError(
      'DocumentTooLarge',
      `The document's text is ${bytes} bytes of UTF-8; the pipeline takes at most ${MAX_TEXT_BYTES} bytes per document (DetectSentiment's limit, the smallest of its steps). Split it into smaller documents.`,
    );
  }
  return {
    text,
    chars: Array.from(text).length,
    bytes,
    pages: input.pages ?? 0,
  };
}

export interface RedactInput {
  /** The prepared text, with what DetectPiiEntities found (its response's Entities). */
  readonly doc: PreparedText & { readonly pii?: { readonly entities?: readonly PiiEntity[] } };
}

export interface RedactedText extends PreparedText {
  /** Entity types replaced, and how many of each (never the values). */
  readonly redacted: ReadonlyArray<{ type: string; count: number }>;
  /** Characters DetectPiiEntities read (the original text), for the bill. */
  readonly piiChars: number;
}

/** Replace each PII entity with its type; keep the counts, drop the offsets and the original. */
export function redactText({ doc }: RedactInput): RedactedText {
  const entities = doc.pii?.entities ?? [];
  const text = redactPii(doc.text, entities);
  const counts = new Map<string, number>();
  for (const e of entities) if (e.Type) counts.set(e.Type, (counts.get(e.Type) ?? 0) + 1);
  return {
    text,
    chars: Array.from(text).length,
    bytes: utf8Bytes(text),
    pages: doc.pages,
    redacted: [...counts]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => a.type.localeCompare(b.type)),
    piiChars: doc.chars,
  };
}
