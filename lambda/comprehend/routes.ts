/** The Comprehend demo's routes. Each validates and checks limits before calling AWS. */
import {
  type ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectKeyPhrasesCommand,
  DetectPiiEntitiesCommand,
  DetectSentimentCommand,
  DetectToxicContentCommand,
  type DetectToxicContentCommandOutput,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import { assertMaxBytes } from '../shared/body';
import { badRequest, HttpError, toHttpError } from '../shared/errors';
import { type Route, route } from '../shared/http';
import { assertLanguageSupported, type LanguageFeature, unsupportedLanguage } from './languages';
import { charCount, comprehendUsage, redactPii } from './logic';
import {
  COMPREHEND_LANGUAGES,
  entitiesRequest,
  keyPhrasesRequest,
  LIMITS,
  languageRequest,
  PII_LANGUAGES,
  piiRequest,
  sentimentRequest,
  toxicityRequest,
} from './schemas';

/** Regions named when toxicity detection launched (unverified today: AWS may have added more). */
export const TOXICITY_LAUNCH_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);

export function comprehendRoutes(client: ComprehendClient): Route[] {
  /** The language to use: given, or detected (one extra billed request). */
  async function resolveLanguage<L extends string>(
    feature: LanguageFeature,
    text: string,
    given: L | undefined,
    supported: readonly L[],
    abortSignal: AbortSignal,
  ): Promise<{ languageCode: L; detected?: { languageCode: string; score?: number } }> {
    if (given) return { languageCode: given };
    if (charCount(text) < LIMITS.languageMinChars) {
      throw badRequest(
        `Text under ${LIMITS.languageMinChars} characters is too short to detect its language; pass languageCode.`,
      );
    }
    const out = await client.send(new DetectDominantLanguageCommand({ Text: text }), { abortSignal });
    const top = out.Languages?.[0];
    const code = top?.LanguageCode;
    if (!code || !(supported as readonly string[]).includes(code)) {
      throw unsupportedLanguage(feature, code ?? 'unknown', 'detected by DetectDominantLanguage');
    }
    return { languageCode: code as L, detected: { languageCode: code, score: round(top?.Score) } };
  }

  /**
   * One Detect* call on one text: the size check, the language (given, or detected for one
   * more billed request), the call itself, and the usage of both requests. Both calls share the
   * request's deadline (`abortSignal`), so the pair ends in time, not each call on its own.
   */
  async function detectOnText<L extends string>(
    feature: LanguageFeature,
    text: string,
    given: L | undefined,
    limits: { maxBytes: number; supported: readonly L[] },
    abortSignal: AbortSignal,
    call: (
      languageCode: LanguageCode,
      options: { abortSignal: AbortSignal },
    ) => Promise<Record<string, unknown>>,
  ) {
    assertLanguageSupported(feature, text, given);
    assertMaxBytes('text', text, limits.maxBytes);
    const lang = await resolveLanguage(feature, text, given, limits.supported, abortSignal);
    const body = await call(lang.languageCode as LanguageCode, { abortSignal });
    return {
      body: { ...body, languageCode: lang.languageCode, detectedLanguage: lang.detected },
      usage: comprehendUsage(lang.detected ? [charCount(text), charCount(text)] : [charCount(text)]),
    };
  }

  return [
    route({
      method: 'POST',
      path: '/comprehend/sentiment',
      schema: sentimentRequest,
      handle: ({ text, languageCode }, ctx) =>
        detectOnText(
          '/comprehend/sentiment',
          text,
          languageCode,
          { maxBytes: LIMITS.sentimentBytes, supported: COMPREHEND_LANGUAGES },
          ctx.signal,
          async (LanguageCode, options) => {
            const out = await client.send(new DetectSentimentCommand({ Text: text, LanguageCode }), options);
            const s = out.SentimentScore ?? {};
            return {
              sentiment: out.Sentiment,
              scores: {
                positive: round(s.Positive),
                negative: round(s.Negative),
                neutral: round(s.Neutral),
                mixed: round(s.Mixed),
              },
            };
          },
        ),
    }),
    route({
      method: 'POST',
      path: '/comprehend/entities',
      schema: entitiesRequest,
      handle: ({ text, languageCode }, ctx) =>
        detectOnText(
          '/comprehend/entities',
          text,
          languageCode,
          { maxBytes: LIMITS.detectBytes, supported: COMPREHEND_LANGUAGES },
          ctx.signal,
          async (LanguageCode, options) => {
            const out = await client.send(new DetectEntitiesCommand({ Text: text, LanguageCode }), options);
            return {
              entities: (out.Entities ?? []).map((e) => ({
                text: e.Text,
                type: e.Type,
                score: round(e.Score),
                beginOffset: e.BeginOffset,
                endOffset: e.EndOffset,
              })),
            };
          },
        ),
    }),
    route({
      method: 'POST',
      path: '/comprehend/key-phrases',
      schema: keyPhrasesRequest,
      handle: ({ text, languageCode }, ctx) =>
        detectOnText(
          '/comprehend/key-phrases',
          text,
          languageCode,
          { maxBytes: LIMITS.detectBytes, supported: COMPREHEND_LANGUAGES },
          ctx.signal,
          async (LanguageCode, options) => {
            const out = await client.send(new DetectKeyPhrasesCommand({ Text: text, LanguageCode }), options);
            return {
              keyPhrases: (out.KeyPhrases ?? []).map((k) => ({
                text: k.Text,
                score: round(k.Score),
                beginOffset: k.BeginOffset,
                endOffset: k.EndOffset,
              })),
            };
          },
        ),
    }),
    route({
      method: 'POST',
      path: '/comprehend/language',
      schema: languageRequest,
      handle: async ({ text }, ctx) => {
        assertMaxBytes('text', text, LIMITS.detectBytes);
        if (charCount(text) < LIMITS.languageMinChars) {
          throw badRequest(`DetectDominantLanguage needs at least ${LIMITS.languageMinChars} characters.`);
        }
        const out = await client.send(new DetectDominantLanguageCommand({ Text: text }), {
          abortSignal: ctx.signal,
        });
        return {
          body: {
            languages: (out.Languages ?? []).map((l) => ({
              languageCode: l.LanguageCode,
              score: round(l.Score),
            })),
          },
          usage: comprehendUsage([charCount(text)]),
        };
      },
    }),
    route({
      method: 'POST',
      path: '/comprehend/pii',
      schema: piiRequest,
      handle: ({ text, languageCode }, ctx) =>
        detectOnText(
          '/comprehend/pii',
          text,
          languageCode,
          { maxBytes: LIMITS.detectBytes, supported: PII_LANGUAGES },
          ctx.signal,
          async (LanguageCode, options) => {
            const out = await client.send(
              new DetectPiiEntitiesCommand({ Text: text, LanguageCode }),
              options,
            );
            const entities = out.Entities ?? [];
            return {
              entities: entities.map((e) => ({
                type: e.Type,
                score: round(e.Score),
                beginOffset: e.BeginOffset,
                endOffset: e.EndOffset,
              })),
              redactedText: redactPii(text, entities),
              containsPii: entities.length > 0,
              notice:
                'PII in prompts or training data risks regulatory violations (규정 위반): redact before sharing.',
            };
          },
        ),
    }),
    route({
      method: 'POST',
      path: '/comprehend/toxicity',
      schema: toxicityRequest,
      handle: async (input, ctx) => {
        const segments = 'text' in input ? [input.text] : input.segments;
        assertLanguageSupported('/comprehend/toxicity', segments.join('\n'), input.languageCode);
        segments.forEach((s, i) => {
          assertMaxBytes(`segments[${i}]`, s, LIMITS.toxicitySegmentBytes);
        });
        assertMaxBytes('segments (total)', segments.join(''), LIMITS.toxicityTotalBytes);
        let out: DetectToxicContentCommandOutput;
        try {
          out = await client.send(
            new DetectToxicContentCommand({
              LanguageCode: 'en',
              TextSegments: segments.map((Text) => ({ Text })),
            }),
            { abortSignal: ctx.signal },
          );
        } catch (err) {
          throw toxicityError(err);
        }
        return {
          body: {
            results: (out.ResultList ?? []).map((r, i) => ({
              segment: i,
              toxicity: round(r.Toxicity),
              labels: (r.Labels ?? []).map((l) => ({ name: l.Name, score: round(l.Score) })),
            })),
            languageCode: 'en',
            notice:
              'Toxicity (유해성): screen generated or user text before it reaches people; guardrails do this for FMs.',
          },
          usage: comprehendUsage([charCount(segments.join(''))]),
        };
      },
    }),
  ];
}

/** Toxicity detection is English-only and not offered in every Region: say so plainly. */
function toxicityError(err: unknown): HttpError {
  const mapped = toHttpError(err);
  const region = process.env.AWS_REGION ?? 'unknown';
  if ((mapped.status === 400 || mapped.status === 502) && !TOXICITY_LAUNCH_REGIONS.includes(region)) {
    return new HttpError(
      501,
      'NOT_AVAILABLE_IN_REGION',
      `DetectToxicContent failed in ${region}; it is offered only in some Regions (at launch: ${TOXICITY_LAUNCH_REGIONS.join(', ')}). Deploy AiLab-Comprehend in one of them.`,
    );
  }
  return mapped;
}
