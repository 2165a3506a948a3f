import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AWS_LIMITS } from '../../lambda/shared/limits';
import { METRICS_NAMESPACE } from '../../lambda/shared/usage';
import type { BundleCache } from '../bundling/cache';
import { bundledCode } from '../bundling/code';
import { PROJECT_ROOT } from '../project-root';

export { PROJECT_ROOT } from '../project-root';

export interface DemoFunctionProps {
  /** Handler file relative to the project root, e.g. `lambda/comprehend/handler.ts`. */
  readonly entry: string;
  /** Powertools service name (logs, metrics), e.g. `comprehend`. */
  readonly serviceName: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /**
   * Memory in MB. Lambda allocates CPU in proportion, so parsing-heavy demos get more.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Timeout. A buffered function (the default) must stay below API Gateway's 29 s integration
   * timeout; a response-streaming one may run up to Lambda's 900 s.
   * @default Duration.seconds(20)
   */
  readonly timeout?: Duration;
  /**
   * The function streams its response (`awslambda.streamifyResponse`, behind a STREAM
   * integration): API Gateway's 29 s limit does not apply, up to 15 minutes does.
   * @default false
   */
  readonly responseStreaming?: boolean;
  /**
   * Log retention of the function's log group.
   * @default logs.RetentionDays.ONE_WEEK
   */
  readonly logRetention?: logs.RetentionDays;
  /** Extra environment variables. @default none */
  readonly environment?: Record<string, string>;
  /**
   * Set NODE_OPTIONS=--enable-source-maps so stack traces map to the TypeScript sources. Costs
   * cold-start time (about +20 % module load, +50 ms on the first stack trace); the maps are
   * bundled either way.
   * @default false
   */
  readonly enableSourceMaps?: boolean;
  /** esbuild `define` replacements (compile-time constants). @default none */
  readonly define?: Record<string, string>;
  /** Where bundles are cached between synths. @default BundleCache.forProject() */
  readonly bundleCache?: BundleCache;
  /**
   * Who invokes the function. API Gateway and Step Functions wait for the answer (a failure goes
   * back to the caller, or to the state's Retry and Catch); EventBridge invokes asynchronously.
   * Only an API Gateway function is held below the 29 s integration timeout.
   * @default 'api-gateway'
   */
  readonly invokedBy?: 'api-gateway' | 'step-functions' | 'eventbridge';
}

/** Why a function needs no dead-letter queue or failure destination, by who invokes it. */
const NO_DLQ_REASONS = {
  'api-gateway': {
    dlq: 'Invoked synchronously by API Gateway; errors return to the caller, a DLQ would stay empty.',
    async: 'Never invoked asynchronously (API Gateway proxy integration only).',
  },
  'step-functions': {
    dlq: "Invoked synchronously by a Step Functions Task state (lambda:invoke); a failure goes to the state's Retry and Catch, a DLQ would stay empty.",
    async: 'Never invoked asynchronously (Step Functions request-response integration only).',
  },
  eventbridge: {
    dlq: 'Invoked asynchronously by one EventBridge rule; Lambda retries a failed event twice, and the run waiting for it ends at its own timeout with the failure recorded, so nothing is left waiting or unrecorded.',
    async:
      'The only asynchronous caller is an EventBridge rule whose failures end at the waiting run’s timeout (see the DLQ reason).',
  },
} as const;

/** API Gateway's REST integration timeout; a buffered function behind it must finish sooner. */
const API_GATEWAY_TIMEOUT_SECONDS = AWS_LIMITS.apiGatewayIntegrationTimeout.value;
/** Lambda's maximum timeout, and API Gateway's longest streamed response (lambda/shared/limits.ts). */
export const STREAMING_TIMEOUT_MAX_SECONDS = Math.min(
  AWS_LIMITS.lambdaMaxTimeout.value,
  AWS_LIMITS.apiGatewayStreamingMaxDuration.value,
);

/**
 * A Lambda function with the lab's defaults: Node.js 24 on arm64, bundled and minified by the
 * local esbuild with the AWS SDK v3 bundled in (pinned by package-lock.json, so what is tested
 * is what runs, whatever SDK the runtime ships; options in lib/bundling/options.ts), through a
 * content-keyed cache so an unchanged function is not rebuilt (lib/bundling/cache.ts), explicit log group with retention that is
 * destroyed with the stack, X-Ray active, Powertools configured, and a role whose only
 * built-in permissions are writing to its own log group and to X-Ray.
 */
export class DemoFunction extends Construct {
  public readonly fn: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DemoFunctionProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(20);
    const invokedBy = props.invokedBy ?? 'api-gateway';
    if (props.responseStreaming) {
      if (timeout.toSeconds() > STREAMING_TIMEOUT_MAX_SECONDS) {
        throw new Error(
          `DemoFunction ${id}: timeout ${timeout.toSeconds()} s is more than a streamed response may last (${STREAMING_TIMEOUT_MAX_SECONDS} s).`,
        );
      }
    } else if (invokedBy === 'api-gateway' && timeout.toSeconds() >= API_GATEWAY_TIMEOUT_SECONDS) {
      throw new Error(
        `DemoFunction ${id}: timeout ${timeout.toSeconds()} s must be below API Gateway's ${API_GATEWAY_TIMEOUT_SECONDS} s.`,
      );
    }
    assertLocalEsbuild();

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of AWSLambdaBasicExecutionRole (which may write to any log group).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.serviceName} demo function`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      // The bundle NodejsFunction would build (same esbuild options), from the bundle cache.
      code: bundledCode({ entry: props.entry, define: props.define }, props.bundleCache),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(props.enableSourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
    });

    // Lambda adds X-Ray's PutTraceSegments/PutTelemetryRecords on "*" to the default policy.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions. Service actions go in separate, named policies.',
      });
    }
    // A synchronous caller gets the error, so a DLQ or on-failure destination would never
    // receive anything; the asynchronous case says what bounds a lost event.
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: NO_DLQ_REASONS[invokedBy].dlq,
    });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason: NO_DLQ_REASONS[invokedBy].async,
    });
  }

  /**
   * Allow AI service actions that have no resource-level permissions, so IAM only accepts
   * Resource "*" for them. They get a policy of their own, named for what it allows, and the
   * nag acknowledgement carries the reason; nothing else can hide behind it.
   */
  public allowActionsWithoutResourceLevelPermissions(
    id: string,
    actions: string[],
    reason: string,
  ): iam.Policy {
    for (const action of actions) {
      if (action.includes('*'))
        throw new Error(`DemoFunction: '${action}' is a wildcard; list exact actions.`);
    }
    const policy = new iam.Policy(this, id, {
      statements: [new iam.PolicyStatement({ actions: [...actions].sort(), resources: ['*'] })],
    });
    policy.attachToRole(this.role);
    this.fn.node.addDependency(policy);
    Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
    return policy;
  }

  /** Grant the function's role exact statements (with real resources), added to its own policy. */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.fn.addToRolePolicy(statement);
  }
}

/** Bundling must use the local esbuild; a silent fall back to Docker is a bug (no Docker here or in CI). */
function assertLocalEsbuild(): void {
  try {
    require.resolve('esbuild/package.json', { paths: [PROJECT_ROOT] });
  } catch {
    throw new Error('esbuild is not installed locally (npm ci); the lab never bundles with Docker.');
  }
}
