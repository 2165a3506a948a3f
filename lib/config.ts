/**
 * Typed lab settings, read from CDK context (`-c key=value` or cdk.json "context"), with
 * defaults and validation. A bad value fails synth with a message naming the key.
 */
import { z } from 'zod';
import { DEFAULT_DOCUMENT_MODEL, DOCUMENT_MODELS, readsDocuments } from '../lambda/bedrock/document-models';
import { BEDROCK_TOKEN_PRICES, baseModelId } from '../lambda/shared/pricing';
import {
  DEFAULT_PREFIX,
  derivedNames,
  nameProblem,
  PREFIX_ENV,
  PREFIX_MAX_LENGTH,
  PREFIX_PATTERN,
  PREFIX_RULE,
} from './names';
import { STACK_SUFFIXES } from './services';

/** Retention periods CloudWatch Logs accepts (days). */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The log retention `-c governed=true` raises every log group to (AWS Control Tower CT.CLOUDWATCH.PR.2). */
export const GOVERNED_RETENTION_DAYS = 365;

/** Context values given with `-c` arrive as strings; cdk.json may hold numbers or booleans. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const tagValue = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'must contain only characters allowed in AWS tag values');

/**
 * How the lab treats the account's API Gateway CloudWatch role, a setting shared by every API in
 * the account and Region (`AWS::ApiGateway::Account`). API Gateway writes a stage's access logs
 * and execution logs to CloudWatch only through that role, and refuses to create a stage with
 * either turned on while the account has none ("CloudWatch Logs role ARN must be set in account
 * settings to enable logging").
 * - `none` (default): the lab neither reads nor changes the setting; the stages log nothing to
 *   CloudWatch (the functions' own logs and X-Ray traces remain), so deploy works in any account.
 * - `existing`: the account already has a role in this Region (`aws apigateway get-account`
 *   shows `cloudwatchRoleArn`); the stages write JSON access logs and ERROR execution logs
 *   through it. The lab does not change the setting.
 * - `create`: the `<prefix>-Shared` stack creates a role and points the setting at it, and the
 *   stages log. The role (and the setting) are kept on destroy, as CDK keeps its own, because
 *   other APIs in the account may come to rely on them.
 * Older values: `true` (it used to create the role) means `create`; `false` (it meant "the
 * account already has one") means `existing`.
 */
export const API_GATEWAY_ROLE_MODES = ['none', 'existing', 'create'] as const;
export type ApiGatewayRoleMode = (typeof API_GATEWAY_ROLE_MODES)[number];

const DEFAULT_ENVIRONMENT = 'sandbox';

const LEGACY_ROLE_VALUES: Readonly<Record<string, ApiGatewayRoleMode>> = {
  true: 'create',
  false: 'existing',
};

const apiGatewayRoleMode = z
  .union([z.boolean(), z.string()])
  .transform((v) => LEGACY_ROLE_VALUES[String(v)] ?? String(v))
  .pipe(
    z.enum(API_GATEWAY_ROLE_MODES, {
      error: () => `must be one of ${API_GATEWAY_ROLE_MODES.join(', ')} (true means create, false existing)`,
    }),
  );

export const configSchema = z.object({
  /**
   * The instance name: the first part of every stack name (`Kim-Comprehend`) and of every other
   * name the lab gives (lib/names.ts), so copies of the lab with different prefixes share no
   * name in an account and Region. Also read from AI_LAB_PREFIX when -c prefix is not given.
   */
  prefix: z
    .string()
    .max(PREFIX_MAX_LENGTH, `must be at most ${PREFIX_MAX_LENGTH} characters`)
    .regex(PREFIX_PATTERN, `must be ${PREFIX_RULE}`)
    .default(DEFAULT_PREFIX),
  /** Environment name, used in the Environment tag, the guardrail name and resource descriptions. */
  environment: tagValue.default(DEFAULT_ENVIRONMENT),
  /** Owner tag: who to ask about these resources. */
  owner: tagValue.default('ai-services-lab'),
  /** CostCenter tag: where the bill goes. */
  costCenter: tagValue.default('learning'),
  /** Stage throttling: steady-state requests per second per API (a cost ceiling). */
  throttleRateLimit: int(1, 10_000).default(5),
  /** Stage throttling: burst per API. */
  throttleBurstLimit: int(1, 5_000).default(10),
  /** Retention of every log group the lab creates. */
  logRetentionDays: z.coerce
    .number()
    .refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), {
      message: `must be one of ${RETENTION_DAYS.join(', ')}`,
    })
    .default(7),
  /** The account's API Gateway CloudWatch role: `none`, `existing` or `create` (see API_GATEWAY_ROLE_MODES). */
  apiGatewayCloudWatchRole: apiGatewayRoleMode.default('none'),
  /**
   * For accounts governed by AWS Control Tower proactive controls: take the settings that satisfy
   * the controls cheaply — every log group keeps 365 days (CT.CLOUDWATCH.PR.2) and upload buckets
   * are versioned, older versions expiring after a day (CT.S3.PR.11). `npm run review` lists the
   * controls the lab still fails and why (docs/review.md).
   */
  governed: bool.default(false),
  /**
   * Start every function with NODE_OPTIONS=--enable-source-maps, so stack traces in the logs
   * point into the TypeScript sources. Off by default: it adds about a fifth to the cold module
   * load (see docs/performance.md). The source maps ship with every bundle either way, so
   * turning it on is a redeploy with `-c sourceMaps=true`, no rebuild of the code.
   */
  sourceMaps: bool.default(false),
  /** Bedrock model or inference-profile id used by <prefix>-Bedrock. */
  bedrockModelId: z
    .string()
    .regex(/^[a-z0-9.:-]+$/i, 'must be a Bedrock model id such as amazon.nova-micro-v1:0')
    .default('amazon.nova-micro-v1:0'),
  /**
   * The models POST /bedrock/compare may call, comma separated: two or three, each priced in the
   * dated price table (lambda/shared/price-table.ts), so every answer in the table has a cost. The
   * function's IAM policy names exactly these. Default: Nova Micro, Lite and Pro (small to large).
   */
  bedrockCompareModelIds: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[a-z0-9.:-]+$/i, 'must be Bedrock model ids such as amazon.nova-lite-v1:0')
            .refine((id) => BEDROCK_TOKEN_PRICES[baseModelId(id)] !== undefined, {
              error: (i) =>
                `'${String(i.input)}' has no price in lambda/shared/price-table.ts; priced models: ${Object.keys(BEDROCK_TOKEN_PRICES).join(', ')}`,
            }),
        )
        .min(2, 'must list two or three models')
        .max(3, 'must list two or three models')
        .refine((ids) => new Set(ids).size === ids.length, 'must not list a model twice'),
    )
    .default(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0']),
  /**
   * The multimodal model POST /bedrock/read-document calls: one that reads images and PDFs through Converse
   * (lambda/bedrock/document-models.ts, from AWS's "Supported models and model features"), or a system-defined
   * profile of one. Resolved per Region like the other model ids; IAM names exactly what each Region calls.
   */
  bedrockDocumentModelId: z
    .string()
    .regex(/^[a-z0-9.:-]+$/i, 'must be a Bedrock model id such as amazon.nova-lite-v1:0')
    .refine(readsDocuments, {
      error: (i) =>
        `'${String(i.input)}' does not read images and documents through Converse; use one of ${DOCUMENT_MODELS.join(', ')} (or a profile of one)`,
    })
    .default(DEFAULT_DOCUMENT_MODEL),
  /** Upper bound on maxTokens a caller may ask for (cost ceiling). */
  bedrockMaxTokensCap: int(1, 8_192).default(512),
  /** Apply the lab's Bedrock guardrail to every Converse call. */
  bedrockGuardrail: bool.default(true),
  /** AiLab-Pipeline: most documents in a real-time run (a cost ceiling: every document is billed per step). */
  pipelineMaxItems: int(1, 1_000).default(100),
  /**
   * AiLab-Pipeline: most documents in a batch run. Bedrock takes up to 50,000 records per batch job by
   * default (unverified quota); the lab stops at 1,000 unless raised here.
   */
  pipelineMaxBatchItems: int(1, 50_000).default(1_000),
  /**
   * AiLab-Pipeline: fewest documents in a batch run, the model's "Minimum number of records per batch
   * inference job" quota (100 by default for most models; adjustable, so check Service Quotas).
   */
  pipelineBatchMinRecords: int(1, 50_000).default(100),
  /** AiLab-Pipeline: documents processed at once (the Distributed Map's MaxConcurrency). */
  pipelineMaxConcurrency: int(1, 1_000).default(5),
  /**
   * AiLab-Pipeline: the share of documents that may fail before the run stops (the Distributed Map's
   * ToleratedFailurePercentage): a run where most documents fail (model access not enabled, a
   * missing permission) stops instead of paying for the rest.
   */
  pipelineToleratedFailurePercent: int(0, 100).default(50),
  /** AiLab-Pipeline: largest image or PDF upload in bytes (Textract's synchronous limit is 10 MB). */
  pipelineMaxItemBytes: int(1, 10 * 1024 * 1024).default(5 * 1024 * 1024),
  /** AiLab-Pipeline: a batch job's timeout in hours (CreateModelInvocationJob takes 24 to 168). */
  pipelineBatchTimeoutHours: int(24, 168).default(24),
  /**
   * AiLab-Pipeline: the execution's timeout in hours. It must outlast the batch job's, which it
   * waits for; a real-time run of the default ceiling takes minutes.
   */
  pipelineExecutionTimeoutHours: int(1, 170).default(26),
  /** Markdown notes file for POST /bedrock/ask-notes (path relative to the project root). */
  notesFile: z.string().min(1).default('notes/study-notes.md'),
  /**
   * Create <prefix>-Dashboard: one CloudWatch dashboard of the lab's latency, errors, throttles, billable
   * units, estimated cost and eval scores; with it, the functions also emit the EstimatedCostUsd and
   * LatencyMs metrics it graphs (lambda/shared/usage.ts). Off by default: a dashboard is billed monthly beyond the
   * free tier (lambda/shared/price-table.ts, cloudwatchDashboardMonth).
   */
  dashboard: bool.default(false),
  /** When set, create <prefix>-Budget: a monthly budget filtered on the Project tag, alerting this address. */
  budgetEmail: z.email('must be an e-mail address').optional(),
  /** Monthly budget in USD for <prefix>-Budget. */
  budgetMonthlyUsd: z.coerce.number().positive().max(100_000).default(10),
  /** Alert thresholds as % of the budget, comma separated (actual spend). */
  budgetThresholds: z
    .union([z.string(), z.array(z.number())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => Number(s.trim()))))
    .pipe(z.array(z.number().positive().max(1000)).min(1))
    .default([50, 80, 100]),
});

/**
 * The settings, then every name `prefix` and `environment` build (lib/names.ts) against its
 * service's rule: `-c environment=dev.team` fails here, naming the key, instead of as a
 * CloudFormation validation error on the guardrail.
 */
export const labConfigSchema = configSchema.superRefine((c, ctx) => {
  const names = (prefix: string, environment: string) => derivedNames(prefix, environment, STACK_SUFFIXES);
  const given = names(c.prefix, c.environment);
  given.forEach((n, i) => {
    const problem = nameProblem(n);
    if (!problem) return;
    // Blame the settings whose default value would fix the name; if neither alone would, both.
    const fixes = (key: 'prefix' | 'environment') =>
      !nameProblem(
        names(
          key === 'prefix' ? DEFAULT_PREFIX : c.prefix,
          key === 'environment' ? DEFAULT_ENVIRONMENT : c.environment,
        )[i]!,
      );
    const blamed = n.from.filter(fixes);
    const keys = blamed.length ? blamed : n.from;
    for (const key of keys) {
      const others = keys.filter((k) => k !== key);
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `${others.length ? `together with -c ${others.join(', -c ')}, it ` : 'it '}${problem}`,
      });
    }
  });
});

export type LabConfig = z.infer<typeof configSchema>;
export const CONFIG_KEYS = Object.keys(configSchema.shape) as Array<keyof LabConfig>;

/** Anything with CDK's tryGetContext, e.g. an App's node. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The settings from CDK context; `prefix` falls back to AI_LAB_PREFIX, so one `export` names the
 * instance for synth, deploy, destroy and every tool alike.
 */
export function loadConfig(ctx: ContextSource, env: NodeJS.ProcessEnv = process.env): LabConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = ctx.tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const fromEnv = raw.prefix === undefined && Boolean(env[PREFIX_ENV]);
  if (fromEnv) raw.prefix = env[PREFIX_ENV];
  const parsed = labConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      return `  -c ${key}${key === 'prefix' && fromEnv ? ` (from ${PREFIX_ENV})` : ''}: ${i.message}`;
    });
    throw new ConfigError(`Invalid ai-services-lab settings:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.pipelineExecutionTimeoutHours <= config.pipelineBatchTimeoutHours) {
    throw new ConfigError(
      `Invalid ai-services-lab settings:\n  -c pipelineExecutionTimeoutHours: must be more than pipelineBatchTimeoutHours (${config.pipelineBatchTimeoutHours}), so a run outlasts the batch job it waits for`,
    );
  }
  if (config.pipelineBatchMinRecords > config.pipelineMaxBatchItems) {
    throw new ConfigError(
      `Invalid ai-services-lab settings:\n  -c pipelineBatchMinRecords: must not exceed pipelineMaxBatchItems (${config.pipelineMaxBatchItems})`,
    );
  }
  // Control Tower's CT.CLOUDWATCH.PR.2 asks for at least a year of log retention.
  if (config.governed && config.logRetentionDays < GOVERNED_RETENTION_DAYS)
    return { ...config, logRetentionDays: GOVERNED_RETENTION_DAYS };
  return config;
}
