/**
 * The price table's units, rules and indirect charges in Korean (the English report shows the price
 * table's own words, lambda/shared/price-table.ts). A unit with no Korean phrase here is shown in English
 * quotation marks, marked as English.
 */
import type { PRICES as PRICE_TABLE, PriceKey } from '../../lambda/shared/pricing';
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

/**
 * Korean units of every entry of the price table (review-only: the English is the table's own). Typed
 * on the table's keys, so a new price without its Korean unit is a compile error.
 */
export const PRICE_UNITS_KO: Readonly<Record<PriceKey, string>> = {
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
  jambaMiniInputToken: '입력 토큰, ai21.jamba-1-5-mini-v1:0(100만 토큰당 $0.20)',
  jambaMiniOutputToken: '출력 토큰, ai21.jamba-1-5-mini-v1:0(100만 토큰당 $0.40)',
  jambaLargeInputToken: '입력 토큰, ai21.jamba-1-5-large-v1:0(100만 토큰당 $2.00)',
  jambaLargeOutputToken: '출력 토큰, ai21.jamba-1-5-large-v1:0(100만 토큰당 $8.00)',
  commandRInputToken: '입력 토큰, cohere.command-r-v1:0(100만 토큰당 $0.50)',
  commandROutputToken: '출력 토큰, cohere.command-r-v1:0(100만 토큰당 $1.50)',
  commandRPlusInputToken: '입력 토큰, cohere.command-r-plus-v1:0(100만 토큰당 $3.00)',
  commandRPlusOutputToken: '출력 토큰, cohere.command-r-plus-v1:0(100만 토큰당 $15.00)',
  apiGatewayRestRequest: '받은 REST API 호출(100만 건당 $3.50, 월 첫 3억 3,300만 건)',
  lambdaArmGbSecond: 'arm64 실행 시간 GB-초(GB-초당 $0.0000133334, 첫 구간)',
  lambdaRequest: 'Lambda 호출(100만 건당 $0.20)',
  cloudwatchLogsIngestGb: '수집한 로그 데이터 GB, Standard 로그 클래스(GB당 $0.50)',
  s3PutRequest: 'S3 Standard PUT/COPY/POST/LIST 요청(1,000건당 $0.005)',
  cloudwatchDashboardMonth: 'CloudWatch 대시보드 월 요금($3.00, 프리 티어는 지표 50개 이하 대시보드 3개)',
  cloudwatchCustomMetricMonth:
    '사용자 지정 지표 월 요금, 첫 10,000개($0.30, 시간 단위로 나누어 데이터가 있는 시간에만 과금)',
  cloudwatchPutMetricDataRequest:
    'PutMetricData 같은 CloudWatch API 요청(1,000건당 $0.01, 월 첫 100만 건 무료)',
  s3GetRequest: 'S3 Standard GET/SELECT 요청(1,000건당 $0.0004)',
  stepFunctionsStateTransition: 'Standard 워크플로 상태 전환(1,000회당 $0.025, 재시도도 셈)',
  stepFunctionsExpressRequest: '시작한 Express 워크플로 실행(100만 건당 $1.00)',
  stepFunctionsExpressGbSecond: 'Express 워크플로 실행 시간 GB-초(GB-초당 $0.00001667, 첫 구간)',
  novaMicroBatchInputToken:
    '일괄 작업의 입력 토큰, amazon.nova-micro-v1:0(100만 토큰당 $0.0175: 온디맨드의 절반)',
  novaMicroBatchOutputToken:
    '일괄 작업의 출력 토큰, amazon.nova-micro-v1:0(100만 토큰당 $0.07: 온디맨드의 절반)',
  novaLiteBatchInputToken:
    '일괄 작업의 입력 토큰, amazon.nova-lite-v1:0(100만 토큰당 $0.03: 온디맨드의 절반)',
  novaLiteBatchOutputToken:
    '일괄 작업의 출력 토큰, amazon.nova-lite-v1:0(100만 토큰당 $0.12: 온디맨드의 절반)',
  novaProBatchInputToken: '일괄 작업의 입력 토큰, amazon.nova-pro-v1:0(100만 토큰당 $0.40: 온디맨드의 절반)',
  novaProBatchOutputToken: '일괄 작업의 출력 토큰, amazon.nova-pro-v1:0(100만 토큰당 $1.60: 온디맨드의 절반)',
};

/** The price table's keys that carry a note. */
type NotedKey = {
  [K in PriceKey]: (typeof PRICE_TABLE)[K] extends { readonly note: string } ? K : never;
}[PriceKey];

/** Korean notes of the price table entries that carry one (minimums, what is included); one per note, by type. */
export const PRICE_NOTES_KO: Readonly<Record<NotedKey, string>> = {
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
  stepFunctionsStateTransition: '매달 처음 4,000회의 상태 전환은 무료입니다(예상 비용에는 넣지 않음).',
  stepFunctionsExpressRequest: 'Distributed Map의 하위 워크플로 하나가 Express 실행 하나입니다.',
  cloudwatchDashboardMonth:
    '실습실 대시보드(-c dashboard=true)는 지표를 50개 넘게 그리므로 월 $3.00으로 계산하세요.',
  cloudwatchCustomMetricMonth:
    '경로마다 인스턴스별로 BillableUnits를 보내고, 대시보드를 배포하면(-c dashboard=true) EstimatedCostUsd와 LatencyMs도 보냅니다. --publish는 데이터 세트와 모델마다 5개를 더합니다.',
};
