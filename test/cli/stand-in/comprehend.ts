/** Amazon Comprehend's routes as the stand-in answers them (the schemas require `text`). */
import { comprehendUsage } from '../../../lambda/comprehend/logic';
import { type Answers, ok } from './reply';

export const comprehendAnswers: Answers = {
  'POST /comprehend/sentiment': (input) =>
    ok({
      sentiment: 'MIXED',
      scores: { positive: 0.412, negative: 0.103, neutral: 0.021, mixed: 0.464 },
      languageCode: input.languageCode ?? 'en',
      detectedLanguage: input.languageCode ? undefined : { languageCode: 'en', score: 0.99 },
      usage: comprehendUsage(
        input.languageCode ? [input.text.length] : [input.text.length, input.text.length],
      ),
    }),
  'POST /comprehend/entities': (input) =>
    ok({
      entities: [
        { text: 'AI services lab', type: 'ORGANIZATION', score: 0.91, beginOffset: 10, endOffset: 25 },
      ],
      languageCode: input.languageCode ?? 'en',
      usage: comprehendUsage([input.text.length]),
    }),
  'POST /comprehend/key-phrases': (input) =>
    ok({
      keyPhrases: [{ text: 'the translation demo', score: 0.99, beginOffset: 20, endOffset: 40 }],
      languageCode: input.languageCode ?? 'en',
      usage: comprehendUsage([input.text.length]),
    }),
  'POST /comprehend/language': (input) =>
    ok({
      languages: [{ languageCode: 'en', score: 0.994 }],
      usage: comprehendUsage([input.text.length]),
    }),
  'POST /comprehend/pii': (input) =>
    ok({
      entities: [{ type: 'NAME', score: 0.999, beginOffset: 18, endOffset: 26 }],
      redactedText: input.text.replace('Jane Doe', '[NAME]'),
      containsPii: true,
      languageCode: input.languageCode ?? 'en',
      usage: comprehendUsage([input.text.length]),
    }),
  'POST /comprehend/toxicity': (input) => {
    const segments: string[] = input.segments ?? [input.text];
    return ok({
      results: segments.map((_, i) => ({
        segment: i,
        toxicity: i === 0 ? 0.02 : 0.91,
        labels: [{ name: 'INSULT', score: i === 0 ? 0.01 : 0.88 }],
      })),
      languageCode: 'en',
      usage: comprehendUsage([segments.join('').length]),
    });
  },
};
