/** The Polly demo's routes: real-time speech synthesis, returned as audio or JSON. */

import {
  DescribeVoicesCommand,
  type Engine,
  type LanguageCode,
  type OutputFormat,
  type PollyClient,
  SynthesizeSpeechCommand,
  type Voice,
  type VoiceId,
} from '@aws-sdk/client-polly';
import { assertOfferedHere } from '../shared/availability';
import { badRequest, HttpError, notAcceptable, payloadTooLarge } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { pollyCost, roundUsd } from '../shared/pricing';
import { audioDelivery, billedCharacters, contentTypeOf, MAX_AUDIO_BYTES } from './logic';
import { MAX_BILLED_CHARS, MAX_TOTAL_CHARS, speechRequest, voicesQuery } from './schemas';

export function pollyRoutes(client: PollyClient): Route[] {
  /**
   * DescribeVoices is free; its answer is cached for the life of the execution environment. The
   * first request's deadline bounds the listing; a failed listing is not cached.
   */
  const voiceCache = new Map<string, Promise<Voice[]>>();
  function voices(abortSignal: AbortSignal, engine?: string, languageCode?: string): Promise<Voice[]> {
    const key = `${engine ?? '*'}|${languageCode ?? '*'}`;
    let cached = voiceCache.get(key);
    if (!cached) {
      cached = (async () => {
        const all: Voice[] = [];
        let next: string | undefined;
        do {
          const out = await client.send(
            new DescribeVoicesCommand({
              Engine: engine as Engine | undefined,
              LanguageCode: languageCode as LanguageCode | undefined,
              IncludeAdditionalLanguageCodes: true,
              NextToken: next,
            }),
            { abortSignal },
          );
          all.push(...(out.Voices ?? []));
          next = out.NextToken;
        } while (next);
        return all;
      })();
      cached.catch(() => voiceCache.delete(key));
      voiceCache.set(key, cached);
    }
    return cached;
  }

  return [
    route({
      method: 'POST',
      path: '/polly/speech',
      schema: speechRequest,
      handle: async (input, ctx) => {
        // Decided before any call: audio only for an Accept API Gateway can turn back into bytes.
        const delivery = audioDelivery(ctx.headers.accept, contentTypeOf(input.format));
        if (delivery.kind === 'refuse') throw notAcceptable(delivery.reason);
        const total = Array.from(input.text).length;
        const billed = billedCharacters(input.text, input.textType);
        if (total > MAX_TOTAL_CHARS || billed > MAX_BILLED_CHARS) {
          throw payloadTooLarge(
            `Polly accepts at most ${MAX_BILLED_CHARS} billed characters (${MAX_TOTAL_CHARS} including SSML tags); this text has ${billed} billed and ${total} in all.`,
          );
        }
        if (input.textType === 'ssml' && !/^\s*<speak[\s>]/.test(input.text)) {
          throw badRequest("SSML text must be wrapped in <speak>…</speak> (or send textType 'text').");
        }
        // An engine the Region lacks (the generative engine outside its Regions): the one 501 rule.
        assertOfferedHere(`feature:polly-${input.engine}`);
        // Voice/engine check against Polly's own voice list (free, cached): a clear 400 instead of
        // a billed attempt that fails with EngineNotSupportedException.
        // Voice list, then synthesis: both share the request's deadline (ctx.signal).
        const voice = (await voices(ctx.signal)).find((v) => v.Id === input.voiceId);
        if (voice && !voice.SupportedEngines?.includes(input.engine as Engine)) {
          throw new HttpError(
            400,
            'ENGINE_NOT_SUPPORTED',
            `Voice ${input.voiceId} does not support the ${input.engine} engine; it supports: ${(voice.SupportedEngines ?? []).join(', ')}.`,
          );
        }
        const out = await client.send(
          new SynthesizeSpeechCommand({
            Text: input.text,
            TextType: input.textType,
            VoiceId: input.voiceId as VoiceId,
            Engine: input.engine as Engine,
            LanguageCode: input.languageCode as LanguageCode | undefined,
            OutputFormat: input.format as OutputFormat,
          }),
          { abortSignal: ctx.signal },
        );
        const audio = out.AudioStream ? await out.AudioStream.transformToByteArray() : new Uint8Array();
        if (audio.length > MAX_AUDIO_BYTES) {
          throw payloadTooLarge(
            `The audio is ${audio.length} bytes, more than an API response can carry (${MAX_AUDIO_BYTES}); use mp3 or shorter text.`,
          );
        }
        const characters = out.RequestCharacters ?? billed;
        const usage = {
          unit: 'characters',
          quantity: characters,
          engine: input.engine,
          estimatedCostUsd: roundUsd(pollyCost(characters, input.engine)),
        };
        const contentType = contentTypeOf(input.format);
        if (delivery.kind === 'audio') return { binary: audio, contentType, usage };
        return {
          body: {
            voiceId: input.voiceId,
            engine: input.engine,
            contentType,
            audioBytes: audio.length,
            audioBase64: Buffer.from(audio).toString('base64'),
            hint: `Send 'Accept: ${contentType}' to receive the audio itself.`,
          },
          usage,
        };
      },
    }),
    route({
      method: 'GET',
      path: '/polly/voices',
      schema: voicesQuery,
      handle: async ({ languageCode, engine }, ctx) => {
        const list = await voices(ctx.signal, engine, languageCode);
        return {
          body: {
            count: list.length,
            voices: list.map((v) => ({
              id: v.Id,
              name: v.Name,
              gender: v.Gender,
              languageCode: v.LanguageCode,
              languageName: v.LanguageName,
              additionalLanguageCodes: v.AdditionalLanguageCodes,
              engines: v.SupportedEngines,
            })),
          },
          usage: {
            unit: 'characters',
            quantity: 0,
            estimatedCostUsd: 0,
            note: 'DescribeVoices is not billed',
          },
        };
      },
    }),
  ];
}
