/**
 * Local answers to the pipeline's Task states, for the offline runs of its state machine
 * (test/pipeline/workflow.test.ts): an in-memory bucket that the workflow's S3 states and the
 * functions' real code (through aws-sdk-client-mock) share, stand-ins for the AI services that
 * record what they were sent, and the functions' own handlers called in-process.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** A bucket in memory: the workflow's S3 Tasks and the functions' S3 client both use it. */
export class FakeBucket {
  readonly objects = new Map<string, string>();

  constructor(readonly name: string) {}

  put(key: string, body: string): void {
    this.objects.set(key, body);
  }

  get(key: string): string {
    const body = this.objects.get(key);
    if (body === undefined) {
      const e = new Error(`The specified key does not exist: ${key}`);
      e.name = 'NoSuchKey';
      throw e;
    }
    return body;
  }

  json<T>(key: string): T {
    return JSON.parse(this.get(key)) as T;
  }

  keys(prefix: string): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  /** Answer the S3 client's calls from this bucket (the functions under test call it). */
  install(s3: AwsClientStub<S3Client>): void {
    s3.on(PutObjectCommand).callsFake(async (input: { Key: string; Body: string }) => {
      this.put(input.Key, String(input.Body));
      return {};
    });
    s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      const body = this.get(input.Key);
      // The part of the SDK's stream the functions read.
      return { Body: { transformToString: async () => body } as never };
    });
    s3.on(ListObjectsV2Command).callsFake(
      async (input: { Prefix: string; MaxKeys?: number; ContinuationToken?: string }) => {
        const all = this.keys(input.Prefix);
        const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
        const size = input.MaxKeys ?? 1000;
        const page = all.slice(start, start + size);
        const more = start + size < all.length;
        return {
          Contents: page.map((Key) => ({ Key, Size: this.objects.get(Key)!.length })),
          IsTruncated: more,
          ...(more && { NextContinuationToken: String(start + size) }),
          KeyCount: page.length,
        };
      },
    );
  }
}

/** An error as an AWS SDK integration raises it to Step Functions: `<Service>.<ErrorName>`. */
export function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** Comprehend-shaped PII entities found by pattern (the stand-in for DetectPiiEntities). */
export function findPii(text: string) {
  const chars = Array.from(text);
  const flat = chars.join('');
  const entities: Array<{ Type: string; BeginOffset: number; EndOffset: number; Score: number }> = [];
  const patterns: Array<[string, RegExp]> = [
    ['EMAIL', /[\w.+-]+@[\w-]+\.[\w.]+/g],
    ['PHONE', /\b\d{3}-\d{4}\b/g],
    ['NAME', /\b(?:Jane Doe|Ana García)\b/g],
  ];
  for (const [type, re] of patterns) {
    for (const m of flat.matchAll(re)) {
      // Code-point offsets, as Comprehend gives them.
      const begin = Array.from(flat.slice(0, m.index)).length;
      entities.push({
        Type: type,
        BeginOffset: begin,
        EndOffset: begin + Array.from(m[0]).length,
        Score: 0.99,
      });
    }
  }
  return entities.sort((a, b) => a.BeginOffset - b.BeginOffset);
}

/** The stand-in for DetectDominantLanguage: Hangul is Korean, a few Spanish words Spanish. */
export function detectLanguage(text: string): string {
  if (/[\uAC00-\uD7A3]/.test(text)) return 'ko';
  if (/\b(?:Hola|correo|teléfono|funcionó)\b/.test(text)) return 'es';
  return 'en';
}

/** Textract's answer for a sample scan: the invoice fixture's blocks. */
export function textractBlocks(): unknown {
  return JSON.parse(
    fs.readFileSync(
      path.join(__dirname, '..', 'fixtures', 'textract', 'detect-document-text-invoice.json'),
      'utf8',
    ),
  );
}

export const sampleText = (name: string): string =>
  fs.readFileSync(path.join(SAMPLES, 'pipeline', name), 'utf8');
