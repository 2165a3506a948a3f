/**
 * The catalogue's route summaries in Korean, for the CLI's help (`npm run demo -- <demo> --help`).
 * The English summaries are lib/services.ts's own; a catalogue route without a Korean one here
 * stops the CLI at start-up in both languages (cli/commands.ts), and a test says which.
 */
import type { DemoRoute } from '../../lib/services';

export const ROUTE_SUMMARIES_KO: Readonly<Record<string, string>> = {
  'POST /comprehend/sentiment': 'DetectSentiment(감성)',
  'POST /comprehend/entities': 'DetectEntities(개체)',
  'POST /comprehend/key-phrases': 'DetectKeyPhrases(핵심 문구)',
  'POST /comprehend/language': 'DetectDominantLanguage(지배적 언어)',
  'POST /comprehend/pii': 'DetectPiiEntities와 PII를 가린 텍스트',
  'POST /comprehend/toxicity': 'DetectToxicContent(유해성)',
  'POST /translate': 'TranslateText(번역)',
  'GET /translate/languages': 'ListLanguages(지원 언어 목록)',
  'POST /textract/text': 'DetectDocumentText(동기)',
  'POST /textract/analyze': 'AnalyzeDocument: TABLES, FORMS, QUERIES(동기)',
  'POST /textract/uploads': '여러 페이지 PDF/TIFF를 미리 서명된 POST로 업로드',
  'POST /textract/jobs': '비동기 텍스트 감지 또는 분석 작업 시작',
  'GET /textract/jobs/{jobId}': '작업 상태, 끝나면 읽기 쉬운 결과',
  'POST /rekognition/labels': 'DetectLabels(레이블)',
  'POST /rekognition/text': 'DetectText(이미지 속 텍스트)',
  'POST /rekognition/faces': 'DetectFaces(속성 요약)',
  'POST /rekognition/moderation': 'DetectModerationLabels(콘텐츠 조절)',
  'POST /polly/speech': 'SynthesizeSpeech(오디오 바이트 또는 JSON)',
  'GET /polly/voices': 'DescribeVoices(음성 목록)',
  'POST /transcribe/uploads': '오디오 파일을 미리 서명된 POST로 업로드',
  'POST /transcribe/jobs': 'StartTranscriptionJob(업로드한 키 또는 요청에 담은 클립)',
  'GET /transcribe/jobs/{jobName}': '작업 상태, 끝나면 변환된 텍스트',
  'POST /bedrock/converse': 'Converse: 프롬프트 또는 네 가지 프롬프트 요소',
  'POST /bedrock/ask-notes': '학습 노트에 대한 RAG(인용 포함)',
  'POST /bedrock/converse-stream': 'ConverseStream: 생성되는 대로 토큰(NDJSON), 끝에 사용량과 시간',
  'POST /bedrock/compare': '프롬프트 하나를 목록의 모델 2–3개에: 지연 시간, 토큰, 비용을 나란히',
  'POST /bedrock/read-document':
    '멀티모달 모델이 이미지나 PDF를 읽음(한국어도): 필드를 JSON으로, 스키마로 검사',
  'POST /pipeline/uploads': '실행의 input/에 문서 하나를 미리 서명된 POST로 업로드',
  'POST /pipeline/runs': '실행 시작: 고른 단계를 문서마다, 실시간 또는 일괄로',
  'GET /pipeline/runs/{runId}': '실행의 상태, 진행 상황, 문서별 결과(페이지 단위)와 비용',
};

/** `METHOD /path`, the key of a route everywhere in the CLI. */
export const routeKey = (route: Pick<DemoRoute, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;
