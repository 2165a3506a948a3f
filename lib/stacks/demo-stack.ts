import { type Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { REGION_GAPS_ENV, type RegionGaps } from '../../lambda/shared/availability';
import type { Need, TableRegion } from '../../lambda/shared/regions';
import { usageMetricsEnvironment } from '../../lambda/shared/usage';
import type { LabConfig } from '../config';
import { CostTags } from '../constructs/cost-tags';
import { DemoApi } from '../constructs/demo-api';
import { DemoFunction } from '../constructs/demo-function';
import { restApiName } from '../names';
import { gapsByRegion } from '../region-gaps';
import { RegionMap } from '../region-map';
import { recordPrices, recordRegionGaps } from '../review-metadata';
import type { DemoService } from '../services';

export interface DemoStackProps extends StackProps {
  readonly service: DemoService;
  readonly config: LabConfig;
  /**
   * Body schemas by route path (the same zod schemas the handler uses); API Gateway validates
   * against their JSON Schema form before invoking the function. @default none
   */
  readonly requestSchemas?: Readonly<Record<string, z.ZodType>>;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(20) */
  readonly timeout?: Duration;
  /** @default none */
  readonly environment?: Record<string, string>;
  /** @default none */
  readonly define?: Record<string, string>;
  /** @default none */
  readonly binaryMediaTypes?: string[];
  /**
   * The second function that serves the catalogue's `streaming` routes
   * (lambda/<id>/stream-handler.ts). Required when the service has any. @default none
   */
  readonly streamFunction?: StreamFunctionProps;
  /**
   * Needs beyond the catalogue's (lib/services.ts): by route path (the configured Bedrock model), and
   * per request (a comparison model). Each Region's gaps reach the functions through Mappings.
   * @default none
   */
  readonly regionNeeds?: {
    readonly routes?: Readonly<Record<string, readonly Need[]>>;
    readonly requests?: readonly Need[];
  };
  /** Gaps the needs cannot express (the comparison needs two of its models), per Region. @default none */
  readonly extraGaps?: (region: TableRegion) => RegionGaps;
}

/** Settings of a demo's streaming function; its code takes no compile-time constants. */
export interface StreamFunctionProps {
  /** @default 256 */
  readonly memorySize?: number;
  /**
   * The function's timeout, and its STREAM integration's (up to 15 minutes; the integration
   * would otherwise cut the stream at API Gateway's 29 s default). Required: size it to the
   * longest answer the route allows.
   */
  readonly timeout: Duration;
  /** @default none */
  readonly environment?: Record<string, string>;
}

/**
 * The shape every demo shares: one function (lambda/<id>/handler.ts), plus a second one
 * (lambda/<id>/stream-handler.ts) when the catalogue marks routes `streaming`, one REST API whose
 * routes are exactly the catalogue's, and the stack's Service/PricingUnit tags. Subclasses only grant
 * the function what its service needs and add service resources (buckets, guardrails).
 */
export abstract class DemoStack extends Stack {
  public readonly demo: DemoFunction;
  /** The function behind the streaming routes, if the service has any. */
  public readonly streamDemo?: DemoFunction;
  public readonly api: DemoApi;

  protected constructor(scope: Construct, id: string, props: DemoStackProps) {
    super(scope, id, {
      description: `ai-services-lab: ${props.service.awsService} demo (${props.service.concept})`,
      ...props,
    });
    const { service, config } = props;
    CostTags.applyToStack(this, { service: service.awsService, pricingUnit: service.pricingUnit });
    recordPrices(this, service, config);
    const retention = config.logRetentionDays as logs.RetentionDays;
    // What this Region does not offer: computed for every table Region, picked at deploy time.
    const gaps = gapsByRegion({
      service,
      routeNeeds: props.regionNeeds?.routes,
      requestNeeds: props.regionNeeds?.requests,
      extraGaps: props.extraGaps,
    });
    recordRegionGaps(this, gaps);
    const regionGaps = RegionMap.of(this).value('RegionGaps', (r) => JSON.stringify(gaps[r]));
    // Every metric names its instance; cost and latency metrics only when the dashboard reads them.
    const metricsEnv = usageMetricsEnvironment(config.prefix, config.dashboard);

    this.demo = new DemoFunction(this, 'Handler', {
      entry: demoEntry(service.id),
      serviceName: service.id,
      description: `${service.awsService} demo: ${service.routes.map((r) => r.path).join(', ')}`,
      memorySize: props.memorySize,
      timeout: props.timeout,
      logRetention: retention,
      enableSourceMaps: config.sourceMaps,
      environment: { ...props.environment, [REGION_GAPS_ENV]: regionGaps, ...metricsEnv },
      define: props.define,
    });

    const streamed = service.routes.filter((r) => r.streaming);
    if (streamed.length > 0) {
      if (!props.streamFunction) {
        throw new Error(
          `${service.id}: streaming routes (${streamed.map((r) => r.path).join(', ')}) need the streamFunction settings.`,
        );
      }
      this.streamDemo = new DemoFunction(this, 'StreamHandler', {
        entry: streamEntry(service.id),
        serviceName: service.id,
        description: `${service.awsService} demo, streamed: ${streamed.map((r) => r.path).join(', ')}`,
        memorySize: props.streamFunction.memorySize,
        timeout: props.streamFunction.timeout,
        responseStreaming: true,
        logRetention: retention,
        enableSourceMaps: config.sourceMaps,
        environment: { ...props.streamFunction.environment, [REGION_GAPS_ENV]: regionGaps, ...metricsEnv },
      });
    }

    this.api = new DemoApi(this, 'Api', {
      restApiName: restApiName(config.prefix, service.id),
      description: `${service.awsService} demo of ai-services-lab (${config.environment})`,
      cloudWatchLogs: config.apiGatewayCloudWatchRole !== 'none',
      handler: this.demo.fn,
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
      logRetention: retention,
      binaryMediaTypes: props.binaryMediaTypes,
    });
    for (const r of service.routes) {
      const schema = props.requestSchemas?.[r.path];
      this.api.addRoute(r.method, r.path, {
        requestSchema: schema && r.method === 'POST' ? toApiGatewaySchema(schema) : undefined,
        ...(r.streaming
          ? { handler: this.streamDemo?.fn, streaming: true, streamTimeout: props.streamFunction?.timeout }
          : {}),
      });
    }
  }
}

/** The handler file of a demo, relative to the project root. */
export function demoEntry(id: string): string {
  return `lambda/${id}/handler.ts`;
}

/** The streaming handler file of a demo (its catalogue routes marked `streaming`). */
export function streamEntry(id: string): string {
  return `lambda/${id}/stream-handler.ts`;
}

/** zod → JSON Schema draft-04, the dialect API Gateway models accept (input side: defaults optional). */
export function toApiGatewaySchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-4', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
