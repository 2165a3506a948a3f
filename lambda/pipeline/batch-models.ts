/**
 * Which models a Bedrock batch inference job (일괄 추론) can run, and the job's limits. A run with
 * `"inference": "batch"` on another model, or with fewer documents than the minimum, is refused
 * with a 400 before anything is stored or started.
 */
import { baseModelId } from '../shared/pricing';

export interface BatchModel {
  readonly name: string;
  readonly source: string;
}

const SUPPORTED =
  'docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html (read 2026-11-28): ' +
  'in-Region in us-east-1, and through cross-Region inference profiles in more Regions, Seoul included';

/** Foundation models the lab prices and batch inference supports (by the page cited). */
export const BATCH_MODELS: Readonly<Record<string, BatchModel>> = {
  'amazon.nova-micro-v1:0': { name: 'Amazon Nova Micro', source: SUPPORTED },
  'amazon.nova-lite-v1:0': { name: 'Amazon Nova Lite', source: SUPPORTED },
  'amazon.nova-pro-v1:0': { name: 'Amazon Nova Pro', source: SUPPORTED },
};

export const batchModel = (modelId: string): BatchModel | undefined => BATCH_MODELS[baseModelId(modelId)];

/**
 * The Bedrock quotas a batch job must fit (Bedrock User Guide, batch-inference-data.html, names
 * them; the values are per model and adjustable in Service Quotas, e.g. L-534E6885 "Minimum number
 * of records per batch inference job for Nova Micro V1"). Defaults from third-party transcriptions
 * of the quota table (unverified): at least 100 records, at most 50,000 per job. The stack takes
 * both from config (pipelineBatchMinRecords, pipelineMaxBatchItems), so an account whose quota
 * differs can say so.
 */
export const BATCH_QUOTA_DEFAULTS = { minRecords: 100, maxRecords: 50_000 } as const;

/**
 * CreateModelInvocationJob's timeoutDurationInHours: 24 to 168 hours (the range AWS's
 * generative-ai-cdk-constructs BedrockBatchSfn enforces; the API reference was not read).
 */
export const BATCH_TIMEOUT_HOURS = { min: 24, max: 168 } as const;
