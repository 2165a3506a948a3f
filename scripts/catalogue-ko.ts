/**
 * The Korean words of README.ko.md's generated catalogue, one entry per demo: the concept in the
 * study notes' own terms and the billing unit. Routes, stack and service names come from
 * lib/services.ts, as in the English table, so a new route appears in both READMEs at once.
 */
import type { DemoId } from '../lib/services';

export interface KoreanCatalogueEntry {
  /** 노트의 개념: the concept the demo makes callable, in the notes' terms. */
  readonly concept: string;
  /** 과금 단위: what the service bills by, with any detail in parentheses. */
  readonly billedBy: string;
}

export const KOREAN_CATALOGUE: Readonly<Record<DemoId, KoreanCatalogueEntry>> = {
  comprehend: {
    concept: '자연어 처리(NLP); 개인 식별 정보(PII) 노출 위험(규정 위반); 유해성',
    billedBy: 'Comprehend 단위(100자) (요청당 최소 3단위)',
  },
  translate: {
    concept: '언어 AI 서비스(번역)',
    billedBy: '문자 수',
  },
  textract: {
    concept: '비정형 데이터(문서)를 정형 데이터로; 일괄 추론 vs 실시간 추론',
    billedBy: '페이지 수',
  },
  rekognition: {
    concept: '컴퓨터 비전(CV); 원치 않는 콘텐츠(사회적 위험)',
    billedBy: '이미지 수',
  },
  polly: {
    concept: '텍스트를 음성으로 변환; 실시간 추론',
    billedBy: '문자 수',
  },
  transcribe: {
    concept: '음성을 텍스트로 변환하는 일괄 추론 작업 (실시간 추론과 대비)',
    billedBy: '오디오 길이(초) (초 단위 과금, 작업당 최소 15초)',
  },
  bedrock: {
    concept:
      '파운데이션 모델(FM), 프롬프트 엔지니어링, 가드레일, 할루시네이션, 비결정성, RAG, 토큰 기반 요금, 응답성(스트리밍), 모델 선택, 멀티모달 모델의 문서 읽기(한국어 포함)',
    billedBy: '입력·출력 토큰 (입력 토큰과 출력 토큰은 모델마다 가격이 따로 매겨짐)',
  },
  pipeline: {
    concept:
      '워크로드: 여러 문서를 분산 맵(Distributed Map)으로 AI 서비스에 차례로 보내기, 실시간 또는 Bedrock 일괄 추론 작업으로 (확장성, AWS 도구 및 서비스와 통합)',
    billedBy:
      '상태 전환과 각 단계의 단위 (문서마다 단계가 부르는 서비스가 각각 과금; 그 주변의 Standard 상태 전환, Express 요청과 실행 시간)',
  },
};

/** The fixed words of the Korean table and diagram. */
export const KOREAN_LABELS = {
  header: '| 스택 | 서비스 | 경로 | 노트의 개념 | 과금 단위 | 리전 ([표](docs/regions.ko.md)) |',
  sharedService: 'API Gateway 계정 설정',
  sharedConcept:
    '`-c apiGatewayCloudWatchRole=create`일 때만: 계정·리전마다 하나인 API Gateway 로깅용 CloudWatch 역할을 만들고 삭제 뒤에도 남김',
  free: '무료',
  caller: '나: curl --aws-sigv4, npm run demo, playground',
  apis: '데모마다 스택 하나 (스로틀링, 로그, 태그)',
  sharedNode: 'API Gateway CloudWatch 역할 (create일 때만)',
} as const;

/** Korean words for what a Region may lack (the Region table's labels, lambda/shared/regions.ts). */
export const KOREAN_NEEDS: Readonly<Record<string, string>> = {
  "Polly's generative engine": 'Polly 생성형 엔진',
  "Polly's neural engine": 'Polly 뉴럴 엔진',
  "Polly's standard engine": 'Polly 표준 엔진',
  'Comprehend toxicity detection (DetectToxicContent)': 'Comprehend 유해성 탐지(DetectToxicContent)',
  'Comprehend PII detection (DetectPiiEntities)': 'Comprehend PII 탐지(DetectPiiEntities)',
};
