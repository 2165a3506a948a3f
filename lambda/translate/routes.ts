/** The Translate demo's routes. */
import {
  type DisplayLanguageCode,
  ListLanguagesCommand,
  type TranslateClient,
  TranslateTextCommand,
} from '@aws-sdk/client-translate';
import { assertMaxBytes } from '../shared/body';
import { type Route, route } from '../shared/http';
import { roundUsd, translateCost } from '../shared/pricing';
import { languagesQuery, MAX_TEXT_BYTES, translateRequest } from './schemas';

/** Characters as Translate bills them. */
const charCount = (s: string) => Array.from(s).length;

export function translateRoutes(client: TranslateClient): Route[] {
  return [
    route({
      method: 'POST',
      path: '/translate',
      schema: translateRequest,
      handle: async ({ text, targetLanguage, sourceLanguage, formality, maskProfanity }, ctx) => {
        assertMaxBytes('text', text, MAX_TEXT_BYTES);
        const settings =
          formality || maskProfanity
            ? { Formality: formality, Profanity: maskProfanity ? ('MASK' as const) : undefined }
            : undefined;
        const out = await client.send(
          new TranslateTextCommand({
            Text: text,
            SourceLanguageCode: sourceLanguage,
            TargetLanguageCode: targetLanguage,
            Settings: settings,
          }),
          { abortSignal: ctx.signal },
        );
        const characters = charCount(text);
        return {
          body: {
            translatedText: out.TranslatedText,
            sourceLanguage: out.SourceLanguageCode,
            sourceLanguageDetected: sourceLanguage === 'auto',
            targetLanguage: out.TargetLanguageCode,
            appliedSettings: out.AppliedSettings
              ? { formality: out.AppliedSettings.Formality, profanity: out.AppliedSettings.Profanity }
              : undefined,
          },
          usage: {
            unit: 'characters',
            quantity: characters,
            estimatedCostUsd: roundUsd(translateCost(characters)),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/translate/languages',
      schema: languagesQuery,
      handle: async ({ displayLanguageCode }, ctx) => {
        const languages: Array<{ code?: string; name?: string }> = [];
        let nextToken: string | undefined;
        let pages = 0;
        do {
          const out = await client.send(
            new ListLanguagesCommand({
              DisplayLanguageCode: displayLanguageCode as DisplayLanguageCode,
              MaxResults: 500,
              NextToken: nextToken,
            }),
            { abortSignal: ctx.signal },
          );
          for (const l of out.Languages ?? []) languages.push({ code: l.LanguageCode, name: l.LanguageName });
          nextToken = out.NextToken;
          pages += 1;
        } while (nextToken && pages < 10);
        return {
          body: { displayLanguageCode, count: languages.length, languages },
          usage: {
            unit: 'characters',
            quantity: 0,
            estimatedCostUsd: 0,
            note: 'ListLanguages is not billed',
          },
        };
      },
    }),
  ];
}
