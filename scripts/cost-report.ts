/**
 * The lab's cost picture, read from synthesized templates: per stack, its resources, which of
 * them have an idle (hourly or monthly) charge — the goal is none — the pricing unit and list
 * price, and the estimated cost of N typical calls. Prices come from the one dated table in
 * lambda/shared/price-table.ts.
 */
import { project } from '../lambda/pipeline/projection';
import {
  bedrockTokenCost,
  comprehendCost,
  guardrailCost,
  PRICES,
  PRICES_AS_OF,
  type PriceKey,
  pollyCost,
  rekognitionCost,
  roundUsd,
  textractCost,
  transcribeCost,
  translateCost,
} from '../lambda/shared/pricing';
import { IDLE_CHARGE_TYPES, NO_IDLE_CHARGE_TYPES } from '../lib/idle-cost';
import { splitStackName } from '../lib/names';
import { type DemoId, SERVICES } from '../lib/services';

export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
}

/** Deletion policies that leave the resource in the account after `cdk destroy`. */
const KEPT_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

interface TypicalCall {
  /** What the assumed call is, in words. */
  readonly description: string;
  /** Service charge of that call in USD. */
  readonly serviceUsd: number;
  /** Price entries the estimate uses. */
  readonly prices: readonly PriceKey[];
  /** Function memory (MB) and assumed duration (s) for the Lambda share. */
  readonly lambda: { readonly memoryMb: number; readonly seconds: number };
}

/** One representative call per demo; the assumptions are printed with the estimate. */
export function typicalCall(id: DemoId, bedrockModelId = 'amazon.nova-micro-v1:0'): TypicalCall {
  switch (id) {
    case 'comprehend':
      return {
        description: 'DetectSentiment on 300 characters (3 units)',
        serviceUsd: comprehendCost(300),
        prices: ['comprehendNlpUnit'],
        lambda: { memoryMb: 256, seconds: 0.3 },
      };
    case 'translate':
      return {
        description: 'TranslateText of 500 characters',
        serviceUsd: translateCost(500),
        prices: ['translateStandardChar'],
        lambda: { memoryMb: 256, seconds: 0.5 },
      };
    case 'textract':
      return {
        description: 'DetectDocumentText on a 1-page image',
        serviceUsd: textractCost(1),
        prices: ['textractDetectTextPage', 'textractTablesPage', 'textractFormsPage', 'textractQueriesPage'],
        lambda: { memoryMb: 512, seconds: 2 },
      };
    case 'rekognition':
      return {
        description: 'DetectLabels on one image',
        serviceUsd: rekognitionCost(1),
        prices: ['rekognitionImageGroup2'],
        lambda: { memoryMb: 256, seconds: 1 },
      };
    case 'polly':
      return {
        description: 'SynthesizeSpeech, 200 characters, neural engine',
        serviceUsd: pollyCost(200, 'neural'),
        prices: ['pollyStandardChar', 'pollyNeuralChar', 'pollyGenerativeChar'],
        lambda: { memoryMb: 256, seconds: 1 },
      };
    case 'transcribe':
      return {
        description: 'a 60-second batch transcription job',
        serviceUsd: transcribeCost(60),
        prices: ['transcribeBatchSecond'],
        lambda: { memoryMb: 256, seconds: 0.5 },
      };
    case 'bedrock': {
      const tokens = bedrockTokenCost(bedrockModelId, 500, 300) ?? 0;
      return {
        description: `Converse with ${bedrockModelId}: 500 input + 300 output tokens, guardrail on 3,200 characters`,
        serviceUsd: roundUsd(tokens + guardrailCost(3_200, { contentFilters: true, sensitiveInfo: true })),
        prices: [
          'novaMicroInputToken',
          'novaMicroOutputToken',
          'guardrailContentFilterTextUnit',
          'guardrailSensitiveInfoTextUnit',
        ],
        lambda: { memoryMb: 512, seconds: 3 },
      };
    }
    case 'pipeline': {
      // One typical document (a one-page scan, 1,500 characters) through all seven steps, in real
      // time; lambda/pipeline/projection.ts states the assumptions and prices runs of any size.
      const run = project(1, 'realtime', { modelId: bedrockModelId, guardrail: true, concurrency: 1 });
      return {
        description:
          'POST /pipeline/runs with one 1-page document through all seven steps (real time), the run included',
        serviceUsd: run.cost.totalUsd,
        prices: [
          'textractDetectTextPage',
          'comprehendNlpUnit',
          'translateStandardChar',
          'novaMicroInputToken',
          'novaMicroOutputToken',
          'pollyStandardChar',
          'stepFunctionsStateTransition',
          'stepFunctionsExpressRequest',
        ],
        lambda: { memoryMb: 256, seconds: 0.3 },
      };
    }
  }
}

export interface StackCost {
  readonly stackName: string;
  readonly awsService: string;
  readonly pricingUnit: string;
  readonly resourceCounts: Record<string, number>;
  /** Resources with an idle charge: `logicalId (Type): why`. */
  readonly idle: string[];
  /** Types not known either way: check them. */
  readonly unknown: string[];
  /** Resources `cdk destroy` leaves in the account: `logicalId (Type, idle charge or not)`. */
  readonly kept: string[];
  /** The stack points the account's API Gateway CloudWatch setting at a role it keeps (`create` mode). */
  readonly setsAccountLogRole: boolean;
  readonly call?: TypicalCall & { readonly totalUsd: number };
  readonly callsUsd?: number;
}

/** Per-call platform overhead: one API Gateway request, one Lambda request and its GB-seconds. */
export function platformUsd(memoryMb: number, seconds: number): number {
  return roundUsd(
    PRICES.apiGatewayRestRequest.usd +
      PRICES.lambdaRequest.usd +
      (memoryMb / 1024) * seconds * PRICES.lambdaArmGbSecond.usd,
  );
}

export function costReport(templates: Record<string, CfnTemplate>, calls: number): StackCost[] {
  return Object.entries(templates).map(([stackName, template]) => {
    // Any instance's stacks (`Kim-Comprehend`): the demo is the part after the prefix.
    const suffix = splitStackName(stackName)?.suffix;
    const svc = SERVICES.find((s) => s.stackSuffix === suffix);
    const resourceCounts: Record<string, number> = {};
    const idle: string[] = [];
    const unknown = new Set<string>();
    const kept: string[] = [];
    for (const [id, r] of Object.entries(template.Resources ?? {})) {
      resourceCounts[r.Type] = (resourceCounts[r.Type] ?? 0) + 1;
      const why = IDLE_CHARGE_TYPES[r.Type];
      if (why) idle.push(`${id} (${r.Type}): ${why}`);
      else if (!NO_IDLE_CHARGE_TYPES.has(r.Type)) unknown.add(r.Type);
      if (KEPT_POLICIES.has(r.DeletionPolicy ?? ''))
        kept.push(`${id} (${r.Type}, ${why ? `idle charge: ${why}` : 'no idle charge'})`);
    }
    const setsAccountLogRole = Object.values(template.Resources ?? {}).some(
      (r) => r.Type === 'AWS::ApiGateway::Account' && KEPT_POLICIES.has(r.DeletionPolicy ?? ''),
    );
    const base = {
      stackName,
      awsService: svc?.awsService ?? '—',
      pricingUnit: svc?.pricingUnit ?? '—',
      resourceCounts,
      idle,
      unknown: [...unknown],
      kept,
      setsAccountLogRole,
    };
    if (!svc) return base;
    const call = typicalCall(svc.id);
    const totalUsd = roundUsd(call.serviceUsd + platformUsd(call.lambda.memoryMb, call.lambda.seconds));
    return { ...base, call: { ...call, totalUsd }, callsUsd: roundUsd(totalUsd * calls) };
  });
}

const usd = (n: number) => (n === 0 ? '$0' : n < 0.01 ? `$${n.toPrecision(3)}` : `$${n.toFixed(2)}`);

export function formatReport(report: StackCost[], calls: number): string {
  const lines = [
    `Lab cost at list price (us-east-1, prices as of ${PRICES_AS_OF}; see lambda/shared/price-table.ts)`,
    '',
  ];
  for (const s of report) {
    lines.push(`${s.stackName} — ${s.awsService}, billed by ${s.pricingUnit}`);
    const counts = Object.entries(s.resourceCounts)
      .sort()
      .map(([t, n]) => `${n} ${t.replace(/^AWS::/, '')}`);
    lines.push(`  resources: ${counts.join(', ')}`);
    lines.push(`  idle charge: ${s.idle.length ? s.idle.join('; ') : 'none ($0 while nobody calls it)'}`);
    if (s.unknown.length) lines.push(`  not classified (check): ${s.unknown.join(', ')}`);
    if (s.kept.length) lines.push(`  kept after cdk destroy: ${s.kept.join(', ')}`);
    if (s.setsAccountLogRole)
      lines.push(
        "  the account's API Gateway CloudWatch setting keeps pointing at this role after destroy: other APIs in " +
          'the account and Region may log through it, so delete the role only after setting another (README: ' +
          '"What the lab does to an account")',
      );
    if (s.call) {
      for (const key of s.call.prices) {
        const p = PRICES[key];
        lines.push(`  price: $${p.usd} per ${p.unit} [${p.status}]`);
      }
      lines.push(
        `  typical call: ${s.call.description} → ${usd(s.call.serviceUsd)} + API Gateway and Lambda → ${usd(s.call.totalUsd)}`,
      );
      lines.push(`  ${calls} calls: ${usd(s.callsUsd ?? 0)}`);
    }
    lines.push('');
  }
  const total = roundUsd(report.reduce((sum, s) => sum + (s.callsUsd ?? 0), 0));
  const idle = report.flatMap((s) => s.idle);
  const kept = report.flatMap((s) => s.kept);
  lines.push(
    `All demos, ${calls} calls each: ${usd(total)}. Idle resources: ${idle.length ? idle.length : 'none'}.` +
      ` Kept after cdk destroy: ${kept.length ? kept.length : 'none'}.`,
  );
  return lines.join('\n');
}
