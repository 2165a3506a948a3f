/**
 * The price table's units, rules and indirect charges in Korean (the English report shows the price
 * table's own words, lambda/shared/pricing.ts). A unit with no Korean phrase here is shown in English
 * quotation marks, marked as English.
 */
import { defineMessages } from '../../lib/i18n';

export const PRICES = defineMessages(
  {
    'price.indirect.translateAuto':
      'with `SourceLanguageCode` `auto`, Amazon Translate calls Amazon Comprehend to detect the language, and that detection may be charged as Comprehend units.',
  },
  {
    'price.indirect.translateAuto':
      '`SourceLanguageCode` 값이 `auto`이면 Amazon Translate가 언어를 감지하려고 Amazon Comprehend를 호출하며, 이 감지에 Comprehend 단위 요금이 붙을 수 있습니다.',
  },
);

/** Korean units of every entry of the price table the demos record (review-only: the English is the table's own). */
export const PRICE_UNITS_KO: Readonly<Record<string, string>> = {
  comprehendNlpUnit: 'Comprehend 단위(100자, NLP·PII API, 단위당 $0.0001)',
  comprehendToxicityUnit: 'Comprehend 단위(100자, DetectToxicContent, 단위당 $0.0001로 가정)',
  translateStandardChar: '번역한 문자(표준 실시간 텍스트, 100만 자당 $15)',
  textractDetectTextPage: '페이지(DetectDocumentText, 1,000페이지당 $1.50)',
  textractTablesPage: '페이지(AnalyzeDocument TABLES, 1,000페이지당 $15)',
  textractFormsPage: '페이지(AnalyzeDocument FORMS, 1,000페이지당 $50)',
  textractQueriesPage: '페이지(AnalyzeDocument QUERIES, 1,000페이지당 $15, 페이지당 쿼리 최대 15개)',
  rekognitionImageGroup2:
    'API 호출당 이미지(그룹 2: DetectLabels/Text/Faces/ModerationLabels 등, 월 첫 100만 장 $0.001)',
  pollyStandardChar: '문자(표준 음성, 100만 자당 $4.00)',
  pollyNeuralChar: '문자(뉴럴 음성, 100만 자당 $16.00)',
  pollyGenerativeChar: '문자(생성형 음성, 100만 자당 $30)',
  pollyLongFormChar: '문자(장문 음성, 100만 자당 $100.00)',
  transcribeBatchSecond: '오디오 초(표준 일괄 처리, 1구간, 분당 $0.024)',
  novaMicroInputToken: '입력 토큰, amazon.nova-micro-v1:0(100만 토큰당 $0.035)',
  novaMicroOutputToken: '출력 토큰, amazon.nova-micro-v1:0(100만 토큰당 $0.14)',
  novaLiteInputToken: '입력 토큰, amazon.nova-lite-v1:0(100만 토큰당 $0.06)',
  novaLiteOutputToken: '출력 토큰, amazon.nova-lite-v1:0(100만 토큰당 $0.24)',
  novaProInputToken: '입력 토큰, amazon.nova-pro-v1:0(100만 토큰당 $0.80)',
  novaProOutputToken: '출력 토큰, amazon.nova-pro-v1:0(100만 토큰당 $3.20)',
  guardrailContentFilterTextUnit: '최대 1,000자 텍스트 단위, 콘텐츠 필터(1,000단위당 $0.15)',
  guardrailSensitiveInfoTextUnit: '최대 1,000자 텍스트 단위, 민감 정보 필터(1,000단위당 $0.10)',
};

/** Korean notes of the price table entries that carry one (minimums, what is included). */
export const PRICE_NOTES_KO: Readonly<Record<string, string>> = {
  comprehendNlpUnit: '1단위 = 100자이며, 요청마다 최소 3단위(300자)가 과금됩니다(이 규칙은 확인됨).',
  comprehendToxicityUnit:
    '요청당 최소 3단위 규칙이 세그먼트마다 적용되는지 요청마다 적용되는지도 확인되지 않았습니다.',
  translateStandardChar:
    '공백을 포함한 모든 문자가 과금됩니다. 자동 언어 감지에는 Comprehend 요금이 더해질 수 있습니다.',
  textractTablesPage:
    'AnalyzeDocument 기능은 기능별로 과금되어 합산되며, 각 기능에 페이지 텍스트(OCR)가 포함됩니다.',
  rekognitionImageGroup2:
    '이미지 한 장에 API를 한 번 실행할 때마다 이미지 1장으로 과금됩니다. 사진 한 장에 API 두 개면 2장입니다.',
  pollyStandardChar: 'SSML 태그는 과금되지 않습니다.',
  transcribeBatchSecond: '초 단위로 과금되며, 작업마다 최소 15초가 과금됩니다.',
  guardrailContentFilterTextUnit: '가드레일에 있는 정책에 대해서만 과금되며, 입력과 출력을 따로 평가합니다.',
};
