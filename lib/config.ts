/**
 * Typed lab settings, read from CDK context (`-c key=value` or cdk.json "context"), with
 * defaults and validation. A bad value fails synth with a message naming the key.
 */
import { z } from 'zod';
import { BEDROCK_TOKEN_PRICES, baseModelId } from '../lambda/shared/pricing';

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

export const configSchema = z.object({
  /** Environment name, used in the Environment tag and resource descriptions. */
  environment: tagValue.default('sandbox'),
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
  /**
   * Create the account-level API Gateway CloudWatch role (AiLab-Shared stack). Set false when
   * the account and region already have one.
   */
  apiGatewayCloudWatchRole: bool.default(true),
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
  /** Bedrock model or inference-profile id used by AiLab-Bedrock. */
  bedrockModelId: z
    .string()
    .regex(/^[a-z0-9.:-]+$/i, 'must be a Bedrock model id such as amazon.nova-micro-v1:0')
    .default('amazon.nova-micro-v1:0'),
  /**
   * The models POST /bedrock/compare may call, comma separated: two or three, each priced in the
   * dated price table (lambda/shared/pricing.ts), so every answer in the table has a cost. The
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
                `'${String(i.input)}' has no price in lambda/shared/pricing.ts; priced models: ${Object.keys(BEDROCK_TOKEN_PRICES).join(', ')}`,
            }),
        )
        .min(2, 'must list two or three models')
        .max(3, 'must list two or three models')
        .refine((ids) => new Set(ids).size === ids.length, 'must not list a model twice'),
    )
    .default(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0']),
  /** Upper bound on maxTokens a caller may ask for (cost ceiling). */
  bedrockMaxTokensCap: int(1, 8_192).default(512),
  /** Apply the lab's Bedrock guardrail to every Converse call. */
  bedrockGuardrail: bool.default(true),
  /** Markdown notes file for POST /bedrock/ask-notes (path relative to the project root). */
  notesFile: z.string().min(1).default('notes/study-notes.md'),
  /**
   * Create AiLab-Dashboard: one CloudWatch dashboard of the lab's latency, errors, throttles, billable
   * units, estimated cost and eval scores. Off by default: a dashboard is billed monthly beyond the
   * free tier (lambda/shared/pricing.ts, cloudwatchDashboardMonth).
   */
  dashboard: bool.default(false),
  /** When set, create AiLab-Budget: a monthly budget filtered on the Project tag, alerting this address. */
  budgetEmail: z.email('must be an e-mail address').optional(),
  /** Monthly budget in USD for AiLab-Budget. */
  budgetMonthlyUsd: z.coerce.number().positive().max(100_000).default(10),
  /** Alert thresholds as % of the budget, comma separated (actual spend). */
  budgetThresholds: z
    .union([z.string(), z.array(z.number())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => Number(s.trim()))))
    .pipe(z.array(z.number().positive().max(1000)).min(1))
    .default([50, 80, 100]),
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

export function loadConfig(ctx: ContextSource): LabConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = ctx.tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  -c ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid ai-services-lab settings:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  // Control Tower's CT.CLOUDWATCH.PR.2 asks for at least a year of log retention.
  if (config.governed && config.logRetentionDays < GOVERNED_RETENTION_DAYS)
    return { ...config, logRetentionDays: GOVERNED_RETENTION_DAYS };
  return config;
}
