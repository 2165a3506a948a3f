/**
 * One representative route per demo for the warm-handler measurement, with what the stubbed AWS
 * client answers. Every command of the route gets the same output object, so it carries the fields
 * of each command the route sends (e.g. Polly's DescribeVoices `Voices` and SynthesizeSpeech's
 * `AudioStream`). The valid request itself comes from test/robustness/cases.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DemoId } from '../lib/services';
import { ROOT } from './config';

export interface Workload {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Why this route stands for the demo. */
  readonly why: string;
  /** The stubbed output of every AWS command the route sends. */
  readonly output: () => unknown;
}

const fixture = (rel: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', rel), 'utf8'));

/** A short MP3 (ID3 tag + one MPEG frame header), as Polly's AudioStream. */
const MP3 = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from([0x04, 0, 0, 0, 0, 0, 0]),
  Buffer.from([0xff, 0xfb, 0x90, 0x64]),
  Buffer.alloc(2048, 0x55),
]);

export const WORKLOADS: Record<DemoId, Workload> = {
  comprehend: {
    method: 'POST',
    path: '/comprehend/sentiment',
    why: 'the most used route: validate, one call, shape the scores',
    output: () => ({
      Sentiment: 'POSITIVE',
      SentimentScore: { Positive: 0.98, Negative: 0.005, Neutral: 0.01, Mixed: 0.005 },
    }),
  },
  translate: {
    method: 'POST',
    path: '/translate',
    why: 'TranslateText: validate, one call',
    output: () => ({
      TranslatedText: '안녕하세요, 세계',
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'ko',
    }),
  },
  polly: {
    method: 'POST',
    path: '/polly/speech',
    why: 'cached voice check, synthesis, audio bytes to base64',
    output: () => ({
      Voices: [
        {
          Id: 'Joanna',
          Name: 'Joanna',
          Gender: 'Female',
          LanguageCode: 'en-US',
          SupportedEngines: ['generative', 'long-form', 'neural', 'standard'],
        },
      ],
      AudioStream: { transformToByteArray: async () => new Uint8Array(MP3) },
      ContentType: 'audio/mpeg',
      RequestCharacters: 19,
    }),
  },
  transcribe: {
    method: 'POST',
    path: '/transcribe/jobs',
    why: 'the heaviest route: a 117 KB WAV clip inline (156 KB of base64 JSON) decoded, sniffed, stored, job started',
    output: () => ({
      TranscriptionJob: { TranscriptionJobName: 'job', TranscriptionJobStatus: 'IN_PROGRESS' },
    }),
  },
  textract: {
    method: 'POST',
    path: '/textract/analyze',
    why: 'AnalyzeDocument (forms and tables): the largest response to turn into readable output',
    output: () => fixture('textract/analyze-document-form.json'),
  },
  rekognition: {
    method: 'POST',
    path: '/rekognition/labels',
    why: 'DetectLabels on an image: decode, sniff, summarise labels',
    output: () => fixture('rekognition/detect-labels.json'),
  },
  bedrock: {
    method: 'POST',
    path: '/bedrock/ask-notes',
    why: 'RAG: BM25 retrieval over the notes index, prompt building, Converse',
    output: () => ({
      output: { message: { role: 'assistant', content: [{ text: 'A prompt has four elements [1].' }] } },
      usage: { inputTokens: 900, outputTokens: 40, totalTokens: 940 },
      stopReason: 'end_turn',
      metrics: { latencyMs: 400 },
    }),
  },
  pipeline: {
    method: 'POST',
    path: '/pipeline/runs',
    why: 'a run of inline documents: validate, store each and the manifest, start the execution',
    output: () => ({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Pipeline:run',
      startDate: new Date(0),
    }),
  },
};
