/** Amazon Translate's routes as the stand-in answers them. */
import { translateCost } from '../../../lambda/shared/pricing';
import { type Answers, ok, usage } from './reply';

export const translateAnswers: Answers = {
  'POST /translate': (input) =>
    ok({
      translatedText: '생성형 AI는 다양한 작업에 적응할 수 있습니다.',
      sourceLanguage: input.sourceLanguage === 'auto' ? 'en' : input.sourceLanguage,
      sourceLanguageDetected: input.sourceLanguage === 'auto',
      targetLanguage: input.targetLanguage,
      usage: usage('characters', input.text.length, { estimatedCostUsd: translateCost(input.text.length) }),
    }),
  'GET /translate/languages': (input) =>
    ok({
      displayLanguageCode: input.displayLanguageCode,
      count: 3,
      languages: [
        { code: 'en', name: 'English' },
        { code: 'ko', name: 'Korean' },
        { code: 'ja', name: 'Japanese' },
      ],
      usage: usage('characters', 0, { estimatedCostUsd: 0, note: 'ListLanguages is not billed' }),
    }),
};
