/**
 * The catalogue of the lab's demos (one per AI service, and the pipeline that chains them over many
 * documents): the single source the app (stacks, tags), the docs, the CLI and the tests read. A route listed here must exist on the demo's API, and the other
 * way round (checked by the template policy tests).
 *
 * What a route needs from its Region (its service, always; a feature such as Comprehend toxicity) comes
 * from here too: the stacks turn it into each Region's gaps from the Region table (lambda/shared/regions.ts),
 * and a route not offered in the deployment's Region answers 501 naming the Regions where it is.
 */
import type { FeatureId, Need, ServiceId } from '../lambda/shared/regions';
import { stackName } from './names';

/**
 * One demo per AWS service of the Region table (lambda/shared/region-facts.ts), and the pipeline,
 * which chains several of them: its needs are those of the steps a run asks for.
 */
export type DemoId = ServiceId | 'pipeline';

export interface DemoRoute {
  readonly method: 'GET' | 'POST';
  /** API Gateway resource path. */
  readonly path: string;
  readonly summary: string;
  /**
   * The route answers as a response stream (API Gateway `ResponseTransferMode.STREAM` to a
   * function wrapped in `awslambda.streamifyResponse`), not one buffered JSON body. @default false
   */
  readonly streaming?: boolean;
  /**
   * False for routes that call no metered API of the service (presigned uploads, job status, list
   * routes); they still count as an API Gateway request and a Lambda invocation. @default true
   */
  readonly metered?: boolean;
  /** What the route needs from the Region besides its demo's service. @default nothing more */
  readonly needs?: readonly Need[];
}

export interface DemoService {
  readonly id: DemoId;
  /**
   * What follows the instance prefix in the stack's name: `Comprehend` → `AiLab-Comprehend`
   * (built by `stackName` in lib/names.ts; `-c prefix=Kim` gives `Kim-Comprehend`).
   */
  readonly stackSuffix: string;
  /** The AWS service this demo shows. */
  readonly awsService: string;
  /** The unit the service bills by: the `PricingUnit` tag (so only tag-safe characters). */
  readonly pricingUnit: string;
  /** Billing detail that does not fit in a tag. */
  readonly pricingNote?: string;
  /** Where the concept comes from in the study notes (section heading, Korean as in the notes). */
  readonly notesSection: string;
  /** The concept from the notes the demo makes callable. */
  readonly concept: string;
  readonly routes: readonly DemoRoute[];
  /** Features a request may choose (Polly's engines): a request for one the Region lacks is a 501. */
  readonly requestFeatures?: readonly FeatureId[];
}

export const SERVICES: readonly DemoService[] = [
  {
    id: 'comprehend',
    stackSuffix: 'Comprehend',
    awsService: 'Amazon Comprehend',
    pricingUnit: 'Comprehend units of 100 characters',
    pricingNote: '3-unit minimum per request',
    notesSection: '생성형 AI의 과제 › 규정 위반, 유해성',
    concept: 'Natural language processing; PII exposure risk (규정 위반); toxicity (유해성)',
    routes: [
      { method: 'POST', path: '/comprehend/sentiment', summary: 'DetectSentiment' },
      { method: 'POST', path: '/comprehend/entities', summary: 'DetectEntities' },
      { method: 'POST', path: '/comprehend/key-phrases', summary: 'DetectKeyPhrases' },
      { method: 'POST', path: '/comprehend/language', summary: 'DetectDominantLanguage' },
      {
        method: 'POST',
        path: '/comprehend/pii',
        summary: 'DetectPiiEntities + redacted text',
        needs: [{ feature: 'comprehend-pii' }],
      },
      {
        method: 'POST',
        path: '/comprehend/toxicity',
        summary: 'DetectToxicContent',
        needs: [{ feature: 'comprehend-toxicity' }],
      },
    ],
  },
  {
    id: 'translate',
    stackSuffix: 'Translate',
    awsService: 'Amazon Translate',
    pricingUnit: 'characters',
    notesSection: 'AWS AI/ML 서비스 스택 › Amazon Translate',
    concept: 'Language AI services',
    routes: [
      { method: 'POST', path: '/translate', summary: 'TranslateText' },
      { method: 'GET', path: '/translate/languages', summary: 'ListLanguages', metered: false },
    ],
  },
  {
    id: 'textract',
    stackSuffix: 'Textract',
    awsService: 'Amazon Textract',
    pricingUnit: 'pages',
    notesSection: '훈련 데이터 › 비정형 데이터; AWS AI/ML 서비스 스택 › Amazon Textract',
    concept: 'Unstructured documents to structured data; batch vs real-time inference',
    routes: [
      { method: 'POST', path: '/textract/text', summary: 'DetectDocumentText (sync)' },
      {
        method: 'POST',
        path: '/textract/analyze',
        summary: 'AnalyzeDocument: TABLES, FORMS, QUERIES (sync)',
      },
      {
        method: 'POST',
        path: '/textract/uploads',
        summary: 'Presigned upload for a multi-page PDF/TIFF',
        metered: false,
      },
      {
        method: 'POST',
        path: '/textract/jobs',
        summary: 'Start an asynchronous text detection or analysis job',
      },
      {
        method: 'GET',
        path: '/textract/jobs/{jobId}',
        summary: 'Job status, then the readable result',
        metered: false,
      },
    ],
  },
  {
    id: 'rekognition',
    stackSuffix: 'Rekognition',
    awsService: 'Amazon Rekognition',
    pricingUnit: 'images',
    notesSection: '생성형 AI의 과제 › 사회적 위험; AWS AI/ML 서비스 스택 › Amazon Rekognition',
    concept: 'Computer vision; unwanted content (사회적 위험)',
    routes: [
      { method: 'POST', path: '/rekognition/labels', summary: 'DetectLabels' },
      { method: 'POST', path: '/rekognition/text', summary: 'DetectText' },
      { method: 'POST', path: '/rekognition/faces', summary: 'DetectFaces (attributes summarised)' },
      { method: 'POST', path: '/rekognition/moderation', summary: 'DetectModerationLabels' },
    ],
  },
  {
    id: 'polly',
    stackSuffix: 'Polly',
    awsService: 'Amazon Polly',
    pricingUnit: 'characters',
    notesSection: 'AWS AI/ML 서비스 스택 › Amazon Polly',
    concept: 'Text to speech; real-time inference',
    routes: [
      { method: 'POST', path: '/polly/speech', summary: 'SynthesizeSpeech (audio bytes or JSON)' },
      { method: 'GET', path: '/polly/voices', summary: 'DescribeVoices', metered: false },
    ],
    requestFeatures: ['polly-standard', 'polly-neural', 'polly-generative'],
  },
  {
    id: 'transcribe',
    stackSuffix: 'Transcribe',
    awsService: 'Amazon Transcribe',
    pricingUnit: 'audio seconds',
    pricingNote: 'billed per second, 15 s minimum per job',
    notesSection: '추론 › 일괄 추론 vs 실시간 추론',
    concept: 'Speech to text as a batch (일괄) job, contrasted with real-time inference',
    routes: [
      {
        method: 'POST',
        path: '/transcribe/uploads',
        summary: 'Presigned upload for an audio file',
        metered: false,
      },
      {
        method: 'POST',
        path: '/transcribe/jobs',
        summary: 'StartTranscriptionJob (uploaded key or inline clip)',
      },
      {
        method: 'GET',
        path: '/transcribe/jobs/{jobName}',
        summary: 'Job status, then the transcript',
        metered: false,
      },
    ],
  },
  {
    id: 'bedrock',
    stackSuffix: 'Bedrock',
    awsService: 'Amazon Bedrock',
    pricingUnit: 'input and output tokens',
    pricingNote: 'input and output tokens are priced separately, per model',
    notesSection:
      '생성형 AI 기본 사항 › FM, 프롬프트 엔지니어링, RAG, 멀티모달 모델; 응답성; 모델 선택 시 고려 사항; 비용 고려 사항',
    concept:
      'Foundation models, prompt engineering, guardrails, hallucination, non-determinism, RAG, token pricing, responsiveness (streaming), model choice, multimodal document reading (Korean too)',
    routes: [
      { method: 'POST', path: '/bedrock/converse', summary: 'Converse: prompt or the four prompt elements' },
      { method: 'POST', path: '/bedrock/ask-notes', summary: 'RAG over the study notes, with citations' },
      {
        method: 'POST',
        path: '/bedrock/converse-stream',
        summary: 'ConverseStream: tokens as they are generated (NDJSON), then usage and timing',
        streaming: true,
      },
      {
        method: 'POST',
        path: '/bedrock/compare',
        summary: 'One prompt to 2-3 listed models: latency, tokens and cost side by side',
      },
      {
        method: 'POST',
        path: '/bedrock/read-document',
        summary:
          'An image or PDF read by a multimodal model (Korean too): fields as JSON, checked against a schema',
      },
    ],
  },
  {
    id: 'pipeline',
    stackSuffix: 'Pipeline',
    awsService: 'AWS Step Functions',
    pricingUnit: 'state transitions and each step units',
    pricingNote:
      'each document is billed by every service its steps call; Standard transitions, Express requests and duration around them',
    notesSection: '추론 › 일괄 추론; AWS AI 솔루션의 장점 › 확장성 및 비용 최적화, AWS 도구 및 서비스와 통합',
    concept:
      'Workloads: many documents through AI services on a Distributed Map, in real time or as a Bedrock batch inference job (일괄 추론)',
    routes: [
      {
        method: 'POST',
        path: '/pipeline/uploads',
        summary: "Presigned upload of a document into a run's input/",
        metered: false,
      },
      {
        method: 'POST',
        path: '/pipeline/runs',
        summary: 'Start a run: the chosen steps over its documents, real time or batch',
      },
      {
        method: 'GET',
        path: '/pipeline/runs/{runId}',
        summary: "A run's status, progress, per-document results (paged) and cost",
        metered: false,
      },
    ],
  },
];

export function service(id: DemoId): DemoService {
  const s = SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(`Unknown demo '${id}'`);
  return s;
}

/**
 * The stack that points the account's API Gateway CloudWatch setting at a role it creates, only
 * with `-c apiGatewayCloudWatchRole=create` (lib/stacks/shared-stack.ts).
 */
export const SHARED_STACK_SUFFIX = 'Shared';
/** The monthly budget, only with `-c budgetEmail=…` (lib/stacks/budget-stack.ts). */
export const BUDGET_STACK_SUFFIX = 'Budget';
/** The opt-in CloudWatch dashboard (`-c dashboard=true`). */
export const DASHBOARD_STACK_SUFFIX = 'Dashboard';
/** Every stack suffix the app may use, for the name checks in lib/config.ts. */
export const STACK_SUFFIXES: readonly string[] = [
  ...SERVICES.map((s) => s.stackSuffix),
  SHARED_STACK_SUFFIX,
  BUDGET_STACK_SUFFIX,
  DASHBOARD_STACK_SUFFIX,
];

/** The demo whose stack this is (`Kim-Comprehend` with prefix `Kim` → comprehend), if any. */
export function serviceOfStack(name: string, prefix: string): DemoService | undefined {
  return SERVICES.find((s) => stackName(prefix, s.stackSuffix) === name);
}
export const PROJECT_TAG_VALUE = 'ai-services-lab';
