/** Every AWS client the lab uses, mocked, with a count of all calls made through them. */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { PollyClient } from '@aws-sdk/client-polly';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { TextractClient } from '@aws-sdk/client-textract';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranslateClient } from '@aws-sdk/client-translate';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';

export type AnyStub = AwsStub<any, any, any>;

/**
 * An event stream as ConverseStream returns it (`output.stream`), iterable again on every call, so
 * one mocked output serves many requests.
 */
export function replayableStream(events: readonly unknown[]): AsyncIterable<unknown> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* events;
    },
  };
}

export function mockAllClients() {
  const stubs: AnyStub[] = [
    ComprehendClient,
    TranslateClient,
    PollyClient,
    TranscribeClient,
    S3Client,
    TextractClient,
    RekognitionClient,
    BedrockRuntimeClient,
    SFNClient,
  ].map((c) => mockClient(c as any) as AnyStub);
  return {
    stubs,
    /**
     * Reset all and make every command resolve with an empty (but well-formed) output: for
     * ConverseStream that is an event stream with no events.
     */
    reset(output: unknown = { stream: replayableStream([]) }) {
      for (const s of stubs) {
        s.reset();
        s.onAnyCommand().resolves(output as never);
      }
    },
    /** Forget recorded calls, keep behaviours (cheap enough to run before every case). */
    clearCalls() {
      for (const s of stubs) s.resetHistory();
    },
    /** Make every command reject with this error. */
    rejectAll(error: unknown) {
      for (const s of stubs) {
        s.reset();
        s.onAnyCommand().rejects(error as never);
      }
    },
    calls: () => stubs.reduce((n, s) => n + s.calls().length, 0),
  };
}
