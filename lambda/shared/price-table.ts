/**
 * THE dated list-price table (us-east-1, on-demand, first volume tier) for every billable unit the lab
 * uses. Data only: lambda/shared/pricing.ts holds the helpers that turn a call's billable quantity into
 * an estimated cost (and re-exports this table), so a price changes here and nowhere else.
 *
 * `status` says how far each figure was checked on PRICES_AS_OF:
 * - `verified`: the figure appears in an AWS-published price — the service's pricing page (its text
 *   or a worked pricing example) or the AWS Price List API — in a stored copy that could be read, either
 *   AWS's own page or a dated verbatim transcription of it (named in `source`).
 * - `unverified`: only third-party write-ups (named in `source`) give the figure; it is our best
 *   documented value and may be out of date. AWS's pricing pages render most rates client-side, so
 *   stored copies of them often show no numbers at all.
 *
 * Estimates ignore free tiers, volume tiers, taxes and data transfer. They are for teaching
 * ("what did this call cost?"), not billing.
 */

export const PRICES_AS_OF = '2026-11-28';
export const PRICING_REGION = 'us-east-1';

export type PriceStatus = 'verified' | 'unverified';

export interface PriceEntry {
  /** List price in USD for ONE `unit`. */
  readonly usd: number;
  /** What one unit is, with the price as AWS quotes it, e.g. "character ($15 per 1M characters)". */
  readonly unit: string;
  /** Where the figure comes from: a public URL, how it was read and when, or why it stays unverified. */
  readonly source: string;
  readonly status: PriceStatus;
  /** Billing rules that go with the price (minimums, what is included). */
  readonly note?: string;
}

/** Third-party transcriptions of AWS pages/price lists used as sources (see each entry). */
const AE = 'github.com/api-evangelist';
/** The source of the notes' other providers' token prices (see jambaMiniInputToken). */
const THIRD_PARTY_BEDROCK =
  'Third-party only, two sources agree (read 2026-12-05): a Python model price table for Bedrock calls ' +
  '(PRICES_PER_MTOK) and a Markdown Bedrock price list, both quoting aws.amazon.com/bedrock/pricing (us-east-1).';

export const PRICES = {
  comprehendNlpUnit: {
    usd: 0.0001,
    unit: 'Comprehend unit of 100 characters (NLP and PII APIs; $0.0001 per unit)',
    source:
      'Unit rule: aws.amazon.com/comprehend/pricing (stored tr copy; verbatim quote in ' +
      `${AE}/amazon-comprehend plans/amazon-comprehend-plans-pricing.yml, read 2026-09-20). ` +
      'Price: third-party only (cloudzero.com/blog/amazon-comprehend-pricing: "$0.0001 per unit", read ' +
      '2026-12-05); the pricing page renders its rate table client-side.',
    status: 'unverified',
    note: '1 unit = 100 characters, 3-unit (300-character) minimum per request — this rule is verified.',
  },
  comprehendToxicityUnit: {
    usd: 0.0001,
    unit: 'Comprehend unit of 100 characters (DetectToxicContent; assumed $0.0001 per unit)',
    source:
      'No source found that states the toxicity-detection rate; assumed equal to the NLP unit price ' +
      '(aws.amazon.com/comprehend/pricing lists toxicity in the same units-of-100-characters table).',
    status: 'unverified',
    note: 'Whether the 3-unit per-request minimum applies per segment or per request is also unverified.',
  },
  translateStandardChar: {
    usd: 0.000015,
    unit: 'character translated (standard real-time text; $15 per 1M characters)',
    source:
      'Third-party only, no AWS page read: course and code notes agree on $15 per 1M ' +
      '(e.g. SrijitD/MSc_in_Machine_Learning_and_Artificial_Intelligence Amazon_Translate.md).',
    status: 'unverified',
    note: 'Every character counts, whitespace included. Auto language detection may add a Comprehend charge.',
  },
  textractDetectTextPage: {
    usd: 0.0015,
    unit: 'page (DetectDocumentText; $1.50 per 1,000 pages)',
    source:
      'Third-party only, no AWS page read: HeyPuter/puter awsTextractCostMap.ts, ' +
      'enoch3712/ExtractThinker docs/examples/aws-stack.md.',
    status: 'unverified',
  },
  textractTablesPage: {
    usd: 0.015,
    unit: 'page (AnalyzeDocument TABLES; $15 per 1,000 pages)',
    source:
      'Third-party only, no AWS page read: enoch3712/ExtractThinker aws-stack.md, ' +
      'iterationlayer.com/blog/document-extraction-vs-aws-textract.',
    status: 'unverified',
    note: 'AnalyzeDocument features are priced per feature and add up; each includes the page text (OCR).',
  },
  textractFormsPage: {
    usd: 0.05,
    unit: 'page (AnalyzeDocument FORMS; $50 per 1,000 pages)',
    source:
      'Third-party only, no AWS page read: iterationlayer.com/blog/document-extraction-vs-aws-textract.',
    status: 'unverified',
  },
  textractQueriesPage: {
    usd: 0.015,
    unit: 'page (AnalyzeDocument QUERIES; $15 per 1,000 pages, up to 15 queries per page)',
    source:
      'Third-party only, no AWS page read: iterationlayer.com/blog/document-extraction-vs-aws-textract.',
    status: 'unverified',
  },
  rekognitionImageGroup2: {
    usd: 0.001,
    unit: 'image per API call (Group 2: DetectLabels/Text/Faces/ModerationLabels…; $0.001, first 1M images/month)',
    source:
      'aws.amazon.com/rekognition/pricing worked example, quoted verbatim in ' +
      `${AE}/amazon-rekognition plans/amazon-rekognition-plans-pricing.yml (read 2026-10-07).`,
    status: 'verified',
    note: 'Each API run on an image is billed as one image; two APIs on one photo = two images.',
  },
  pollyStandardChar: {
    usd: 0.000004,
    unit: 'character (standard voices; $4.00 per 1M characters)',
    source: `aws.amazon.com/polly/pricing, quoted verbatim in ${AE}/amazon-polly plans/amazon-polly-plans-pricing.yml (read 2026-10-07).`,
    status: 'verified',
    note: 'SSML tags are not billed.',
  },
  pollyNeuralChar: {
    usd: 0.000016,
    unit: 'character (neural voices; $16.00 per 1M characters)',
    source: `aws.amazon.com/polly/pricing, quoted verbatim in ${AE}/amazon-polly plans/amazon-polly-plans-pricing.yml (read 2026-10-07).`,
    status: 'verified',
  },
  pollyGenerativeChar: {
    usd: 0.00003,
    unit: 'character (generative voices; $30 per 1M characters)',
    source: `aws.amazon.com/polly/pricing, quoted verbatim in ${AE}/amazon-polly plans/amazon-polly-plans-pricing.yml (read 2026-10-07).`,
    status: 'verified',
  },
  pollyLongFormChar: {
    usd: 0.0001,
    unit: 'character (long-form voices; $100.00 per 1M characters)',
    source: `aws.amazon.com/polly/pricing, quoted verbatim in ${AE}/amazon-polly plans/amazon-polly-plans-pricing.yml (read 2026-10-07).`,
    status: 'verified',
  },
  transcribeBatchSecond: {
    usd: 0.0004,
    unit: 'second of audio (standard batch, tier 1; $0.024 per minute)',
    source:
      'Price: third-party only (privocio.com/blog/speech-to-text-api-pricing-2026-true-cost-compared: ' +
      '"$0.024/min for AWS Transcribe", read 2026-12-05). ' +
      'Billing rule (1-second increments, 15-second minimum per request) is stated ' +
      'on aws.amazon.com/transcribe/pricing (stored zh-cn copy).',
    status: 'unverified',
    note: 'Billed per second with a 15-second minimum per job.',
  },
  novaMicroInputToken: {
    usd: 0.000000035,
    unit: 'input token, amazon.nova-micro-v1:0 ($0.035 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2.`,
    status: 'verified',
  },
  novaMicroOutputToken: {
    usd: 0.00000014,
    unit: 'output token, amazon.nova-micro-v1:0 ($0.14 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2.`,
    status: 'verified',
  },
  novaLiteInputToken: {
    usd: 0.00000006,
    unit: 'input token, amazon.nova-lite-v1:0 ($0.06 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2.`,
    status: 'verified',
  },
  novaLiteOutputToken: {
    usd: 0.00000024,
    unit: 'output token, amazon.nova-lite-v1:0 ($0.24 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2.`,
    status: 'verified',
  },
  novaProInputToken: {
    usd: 0.0000008,
    unit: 'input token, amazon.nova-pro-v1:0 ($0.80 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2 (read 2026-12-03).`,
    status: 'verified',
  },
  novaProOutputToken: {
    usd: 0.0000032,
    unit: 'output token, amazon.nova-pro-v1:0 ($3.20 per 1M tokens)',
    source:
      'AWS Price List Bulk API, AmazonBedrock us-east-1, version 20260901205051, as transcribed in ' +
      `${AE}/amazon-nova plans/amazon-nova-plans-pricing.yml @97c0aa2 (read 2026-12-03).`,
    status: 'verified',
  },
  // The notes' other providers (모델 유형: AI21 Labs, Cohere). No AWS-published copy of these rates could
  // be read (aws.amazon.com/bedrock/pricing renders its tables client-side); two independent public code
  // bases that price Bedrock calls agree on each figure. Priced so -c bedrockCompareModelIds may name them.
  jambaMiniInputToken: {
    usd: 0.0000002,
    unit: 'input token, ai21.jamba-1-5-mini-v1:0 ($0.20 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  jambaMiniOutputToken: {
    usd: 0.0000004,
    unit: 'output token, ai21.jamba-1-5-mini-v1:0 ($0.40 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  jambaLargeInputToken: {
    usd: 0.000002,
    unit: 'input token, ai21.jamba-1-5-large-v1:0 ($2.00 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  jambaLargeOutputToken: {
    usd: 0.000008,
    unit: 'output token, ai21.jamba-1-5-large-v1:0 ($8.00 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  commandRInputToken: {
    usd: 0.0000005,
    unit: 'input token, cohere.command-r-v1:0 ($0.50 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  commandROutputToken: {
    usd: 0.0000015,
    unit: 'output token, cohere.command-r-v1:0 ($1.50 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  commandRPlusInputToken: {
    usd: 0.000003,
    unit: 'input token, cohere.command-r-plus-v1:0 ($3.00 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  commandRPlusOutputToken: {
    usd: 0.000015,
    unit: 'output token, cohere.command-r-plus-v1:0 ($15.00 per 1M tokens)',
    source: THIRD_PARTY_BEDROCK,
    status: 'unverified',
  },
  guardrailContentFilterTextUnit: {
    usd: 0.00015,
    unit: 'text unit of up to 1,000 characters, content filters ($0.15 per 1,000 text units)',
    source:
      'Price: third-party only, two agree (hivebook.wiki/wiki/aws-bedrock-guardrails-content-filters-pii-' +
      'masking-grounding-checks-for-fms and techjacksolutions.com/ai-tools/aws/what-is-bedrock-guardrails, ' +
      'read 2026-12-05). The text-unit definition (≤1,000 characters) is in the Bedrock API ' +
      '(GuardrailUsage textUnits) and docs.aws.amazon.com/bedrock/latest/userguide/guardrails-how.html.',
    status: 'unverified',
    note: 'Charged only for the policies a guardrail has; input and output are evaluated separately.',
  },
  guardrailSensitiveInfoTextUnit: {
    usd: 0.0001,
    unit: 'text unit of up to 1,000 characters, sensitive-information filters ($0.10 per 1,000 text units)',
    source:
      'Third-party only (hivebook.wiki/wiki/aws-bedrock-guardrails-content-filters-pii-masking-grounding-' +
      'checks-for-fms: $0.10 per 1,000 text units for managed PII entities, read 2026-12-05).',
    status: 'unverified',
  },
  apiGatewayRestRequest: {
    usd: 0.0000035,
    unit: 'REST API call received ($3.50 per 1M, first 333M per month)',
    source:
      'aws.amazon.com/api-gateway/pricing worked example, quoted verbatim in ' +
      `${AE}/amazon-web-services plans/amazon-web-services-plans-pricing.yml (read 2026-09-20).`,
    status: 'verified',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'GB-second of arm64 duration ($0.0000133334 per GB-s, first tier)',
    source:
      'Third-party only: cloudchipr.com/blog/aws-lambda-pricing (arm64 first tier, us-east-1, read ' +
      '2026-12-05); artillery lib/platform/aws-lambda/prices.js has the same base arm64 rate.',
    status: 'unverified',
  },
  lambdaRequest: {
    usd: 0.0000002,
    unit: 'Lambda invocation ($0.20 per 1M requests)',
    source:
      'Third-party: git.mcrn.ar/mariano/lambda_local_runner docs/lambdas-md/lambda-13-cost.md ($0.20 / 1M ' +
      'requests, x86 and arm64, read 2026-12-05). aws.amazon.com/lambda/pricing states "$0.20 per million requests" ' +
      `for Lambda Managed Instances (verbatim in ${AE}/aws-lambda plans, read 2026-09-20), not for functions.`,
    status: 'unverified',
  },
  stepFunctionsStateTransition: {
    usd: 0.000025,
    unit: 'Standard workflow state transition ($0.025 per 1,000; retries count too)',
    source:
      'aws.amazon.com/step-functions/pricing (stored copy, read 2026-12-05): "$0.025 per 1,000 state ' +
      'transitions", US East (N. Virginia) $0.0250, Asia Pacific (Seoul) $0.0271.',
    status: 'verified',
    note: 'The first 4,000 transitions a month are free (not counted in estimates).',
  },
  stepFunctionsExpressRequest: {
    usd: 0.000001,
    unit: 'Express workflow execution started ($1.00 per 1M requests)',
    source:
      'aws.amazon.com/step-functions/pricing describes the request and duration charges (stored copy, ' +
      'read 2026-12-05) but renders the rates client-side; figure from third-party write-ups (e.g. ' +
      'wring.co/blog/aws-step-functions-pricing-guide, 2026-03-14).',
    status: 'unverified',
    note: 'Each child workflow of the Distributed Map is one Express execution.',
  },
  stepFunctionsExpressGbSecond: {
    usd: 0.00001667,
    unit: 'GB-second of Express workflow duration ($0.00001667 per GB-s, first tier)',
    source:
      'Billing rule (duration rounded up to 100 ms, memory billed in 64-MB chunks) on ' +
      'aws.amazon.com/step-functions/pricing (stored copy, read 2026-12-05); figure from third-party ' +
      'write-ups (wring.co/blog/aws-step-functions-pricing-guide).',
    status: 'unverified',
  },
  novaMicroBatchInputToken: {
    usd: 0.0000000175,
    unit: 'input token in a batch job, amazon.nova-micro-v1:0 ($0.0175 per 1M tokens: half on demand)',
    source:
      'Half of the on-demand price above: batch inference is "charged at a 50% discount compared to ' +
      'On-Demand pricing" (AWS Machine Learning Blog, "Automate Amazon Bedrock batch inference", read in ' +
      'a stored copy 2026-12-05; Salesforce Trailhead "Explain the Cost Structure of Amazon Bedrock" agrees). ' +
      'The batch line of the AWS Price List was not read.',
    status: 'unverified',
  },
  novaMicroBatchOutputToken: {
    usd: 0.00000007,
    unit: 'output token in a batch job, amazon.nova-micro-v1:0 ($0.07 per 1M tokens: half on demand)',
    source: 'Half of the on-demand price, as novaMicroBatchInputToken.',
    status: 'unverified',
  },
  novaLiteBatchInputToken: {
    usd: 0.00000003,
    unit: 'input token in a batch job, amazon.nova-lite-v1:0 ($0.03 per 1M tokens: half on demand)',
    source: 'Half of the on-demand price, as novaMicroBatchInputToken.',
    status: 'unverified',
  },
  novaLiteBatchOutputToken: {
    usd: 0.00000012,
    unit: 'output token in a batch job, amazon.nova-lite-v1:0 ($0.12 per 1M tokens: half on demand)',
    source: 'Half of the on-demand price, as novaMicroBatchInputToken.',
    status: 'unverified',
  },
  novaProBatchInputToken: {
    usd: 0.0000004,
    unit: 'input token in a batch job, amazon.nova-pro-v1:0 ($0.40 per 1M tokens: half on demand)',
    source:
      'Half of the on-demand price, as novaMicroBatchInputToken. The AWS Price List transcription cited ' +
      'for Nova Pro on demand lists its Flex tier at exactly this half price ($0.0004 per 1K input tokens).',
    status: 'unverified',
  },
  novaProBatchOutputToken: {
    usd: 0.0000016,
    unit: 'output token in a batch job, amazon.nova-pro-v1:0 ($1.60 per 1M tokens: half on demand)',
    source: 'Half of the on-demand price, as novaMicroBatchInputToken.',
    status: 'unverified',
  },
  cloudwatchLogsIngestGb: {
    usd: 0.5,
    unit: 'GB of log data ingested, Standard log class ($0.50 per GB)',
    source:
      'Price: third-party only, two agree (c3x.dev/blog/cloudwatch-logs-cost-optimization and ' +
      'hykell.com/knowledge-base/aws-cloudwatch-logs-pricing, us-east-1, read 2026-12-05); free tier of ' +
      '5 GB/month from aws.amazon.com/cloudwatch/pricing.',
    status: 'unverified',
  },
  s3PutRequest: {
    usd: 0.000005,
    unit: 'S3 Standard PUT/COPY/POST/LIST request ($0.005 per 1,000)',
    source:
      'Long-standing published S3 Standard request rate; no stored copy of aws.amazon.com/s3/pricing checked.',
    status: 'unverified',
  },
  cloudwatchDashboardMonth: {
    usd: 3,
    unit: 'CloudWatch dashboard per month ($3.00; the free tier covers 3 dashboards of up to 50 metrics each)',
    source:
      'aws.amazon.com/cloudwatch/pricing as quoted by third-party cost notes (several agree on $3.00 per dashboard ' +
      'per month beyond the free tier; read 2026-12-05); the AWS page itself could not be read.',
    status: 'unverified',
    note: 'The lab dashboard (-c dashboard=true) graphs more than 50 metrics, so count it at $3.00 a month.',
  },
  cloudwatchCustomMetricMonth: {
    usd: 0.3,
    unit: 'custom metric per month, first 10,000 ($0.30; prorated by the hour, charged only in hours with data)',
    source:
      'aws.amazon.com/cloudwatch/pricing as quoted by third-party cost notes (read 2026-12-05); free tier 10 metrics.',
    status: 'unverified',
    note: 'Each route emits BillableUnits per instance, and EstimatedCostUsd and LatencyMs too when the dashboard is deployed (-c dashboard=true); --publish adds five per data set and model.',
  },
  cloudwatchPutMetricDataRequest: {
    usd: 0.00001,
    unit: 'CloudWatch API request such as PutMetricData ($0.01 per 1,000; first 1M a month free)',
    source: 'aws.amazon.com/cloudwatch/pricing as quoted by third-party cost notes (read 2026-12-05).',
    status: 'unverified',
  },
  s3GetRequest: {
    usd: 0.0000004,
    unit: 'S3 Standard GET/SELECT request ($0.0004 per 1,000)',
    source:
      'Long-standing published S3 Standard request rate; no stored copy of aws.amazon.com/s3/pricing checked.',
    status: 'unverified',
  },
} as const satisfies Record<string, PriceEntry>;

export type PriceKey = keyof typeof PRICES;
