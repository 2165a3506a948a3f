import { CfnOutput, type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface DemoApiProps {
  /** Name of the REST API, e.g. `ai-lab-comprehend`. */
  readonly restApiName: string;
  /**
   * Write the stage's access logs (JSON) and execution logs (errors only) to CloudWatch Logs.
   * API Gateway does that only through the account's API Gateway CloudWatch role (one setting
   * per account and Region), and refuses to create the stage while the account has none, so
   * turn this on only where the account has a role. With it off, the function's own logs and
   * X-Ray still record every call that reaches it.
   * @default true
   */
  readonly cloudWatchLogs?: boolean;
  readonly description: string;
  /** The demo's function: every route is a Lambda proxy integration to it. */
  readonly handler: lambda.IFunction;
  /** Stage throttling, the lab's main cost ceiling. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default logs.RetentionDays.ONE_WEEK */
  readonly logRetention?: logs.RetentionDays;
  /** @default 'v1' */
  readonly stageName?: string;
  /**
   * Media types API Gateway passes as binary (base64) to and from the function, e.g. `audio/mpeg`.
   * @default none
   */
  readonly binaryMediaTypes?: string[];
}

export interface RouteOptions {
  /**
   * JSON Schema (draft-04, e.g. from zod's `toJSONSchema`) that API Gateway checks the body
   * against before the function runs. @default no model: only the function validates
   */
  readonly requestSchema?: Record<string, unknown>;
  /** Query string parameters, mapped to whether they are required. @default none */
  readonly queryParameters?: Record<string, boolean>;
  /** The function behind this route. @default the API's `handler` */
  readonly handler?: lambda.IFunction;
  /**
   * Stream the function's response to the caller as it is written (`ResponseTransferMode.STREAM`:
   * API Gateway calls InvokeWithResponseStream, so the function must be wrapped in
   * `awslambda.streamifyResponse`). @default false: buffered, the whole response at once
   */
  readonly streaming?: boolean;
  /**
   * The streaming integration's timeout: API Gateway otherwise cuts a stream at its 29 s default.
   * Set it to the streaming function's timeout (at most 15 minutes). Only with `streaming`.
   * @default API Gateway's default, 29 s
   */
  readonly streamTimeout?: Duration;
}

/**
 * A REST API for one demo: every method uses AWS_IAM authorization (SigV4), the stage is
 * throttled, X-Ray is on, and gateway errors use the lab's JSON error shape. With
 * `cloudWatchLogs` (the default), access logs are JSON in a log group with retention that is
 * destroyed with the stack, and execution logs (errors only, never request or response bodies)
 * go to a log group the stack owns too.
 */
export class DemoApi extends Construct {
  public readonly api: apigw.RestApi;
  /** The stage's access log group, when `cloudWatchLogs` is on. */
  public readonly accessLogGroup?: logs.LogGroup;
  /** The stage's execution log group (owned by the stack), when `cloudWatchLogs` is on. */
  public readonly executionLogGroup?: logs.LogGroup;
  private readonly handler: lambda.IFunction;
  /** One integration per function and transfer mode, so each function gets one API-wide permission. */
  private readonly integrations = new Map<string, apigw.LambdaIntegration>();
  private readonly validator: apigw.RequestValidator;

  constructor(scope: Construct, id: string, props: DemoApiProps) {
    super(scope, id);
    const retention = props.logRetention ?? logs.RetentionDays.ONE_WEEK;
    const stageName = props.stageName ?? 'v1';
    const cloudWatchLogs = props.cloudWatchLogs ?? true;

    if (cloudWatchLogs) {
      this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    }

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: props.description,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Never touch the account-wide CloudWatch role setting from a demo stack (lib/config.ts).
      cloudWatchRole: false,
      binaryMediaTypes: props.binaryMediaTypes,
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        stageName,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        tracingEnabled: true,
        metricsEnabled: false,
        ...(this.accessLogGroup && {
          // ERROR keeps execution logs to failures; dataTrace would log bodies, so it stays off.
          loggingLevel: apigw.MethodLoggingLevel.ERROR,
          dataTraceEnabled: false,
          accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
          accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
            caller: true,
            httpMethod: true,
            ip: false,
            protocol: true,
            requestTime: true,
            resourcePath: true,
            responseLength: true,
            status: true,
            user: true,
          }),
        }),
      },
    });

    if (cloudWatchLogs) {
      // API Gateway creates this log group itself, with no retention, and CloudFormation would
      // leave it behind on destroy. Owning it (same name, created before the stage) fixes both.
      this.executionLogGroup = new logs.LogGroup(this, 'ExecutionLogs', {
        logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${stageName}`,
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      this.api.deploymentStage.node.addDependency(this.executionLogGroup);
    } else {
      this.acknowledgeNoStageLogs();
    }

    this.handler = props.handler;
    this.validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: `${props.restApiName}-validator`,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.addErrorResponses();

    new CfnOutput(Stack.of(this), 'ApiUrl', {
      description: `Base URL of the ${props.restApiName} API (sign requests with SigV4, service execute-api)`,
      value: this.api.url,
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL: it is billed monthly per ACL and rule even when idle, and the API only accepts SigV4-signed calls from the account.',
    });
  }

  /** The stage logs nothing to CloudWatch: say why, once per finding, on the stage alone. */
  private acknowledgeNoStageLogs(): void {
    const reason =
      "API Gateway writes stage logs to CloudWatch only through the account's API Gateway CloudWatch role, an " +
      'account-wide setting the lab does not change unless asked, and it refuses to create a logging stage in an ' +
      'account without one. Deploy with -c apiGatewayCloudWatchRole=existing (the account has a role) or =create ' +
      'to turn the logs on; the function logs and X-Ray traces record every call that reaches it either way.';
    for (const id of ['AwsSolutions-APIG1', 'AwsSolutions-APIG6', 'Serverless-APIGWAccessLogging'])
      Validations.of(this.api.deploymentStage).acknowledge({ id, reason });
  }

  /** Add a route backed by the demo's function (or `options.handler`). Every method uses AWS_IAM authorization. */
  public addRoute(method: 'GET' | 'POST', path: string, options: RouteOptions = {}): apigw.Method {
    const resource = this.api.root.resourceForPath(path);
    const requestModels = options.requestSchema
      ? { 'application/json': this.model(path, options.requestSchema) }
      : undefined;
    const requestParameters = options.queryParameters
      ? Object.fromEntries(
          Object.entries(options.queryParameters).map(([k, req]) => [`method.request.querystring.${k}`, req]),
        )
      : undefined;
    if (options.streamTimeout && !options.streaming) {
      throw new Error(`DemoApi: ${method} ${path} has a streamTimeout but is not a streaming route.`);
    }
    const added = resource.addMethod(
      method,
      this.integration(options.handler, options.streaming, options.streamTimeout),
      {
        authorizationType: apigw.AuthorizationType.IAM,
        requestModels,
        requestParameters,
        requestValidator: this.validator,
      },
    );
    // Cognito user pools would add a second identity system; callers sign with their IAM credentials.
    Validations.of(added).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'AWS_IAM (SigV4) authorization is used instead of a Cognito user pool authorizer.',
    });
    return added;
  }

  private integration(
    handler = this.handler,
    streaming = false,
    timeout?: Duration,
  ): apigw.LambdaIntegration {
    const key = `${handler.node.addr}/${streaming ? `stream/${timeout?.toMilliseconds() ?? 'default'}` : 'buffered'}`;
    let integration = this.integrations.get(key);
    if (!integration) {
      // One permission for the whole API instead of one per method and test-invoke.
      integration = new apigw.LambdaIntegration(handler, {
        scopePermissionToMethod: false,
        ...(streaming ? { responseTransferMode: apigw.ResponseTransferMode.STREAM } : {}),
        ...(timeout ? { timeout } : {}),
      });
      this.integrations.set(key, integration);
    }
    return integration;
  }

  private model(path: string, schema: Record<string, unknown>): apigw.IModel {
    const { $schema: _ignored, ...rest } = schema;
    const name = path
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join('');
    return this.api.addModel(`${name}Model`, {
      contentType: 'application/json',
      modelName: `${name}Request`,
      schema: { schema: apigw.JsonSchemaVersion.DRAFT4, ...(rest as apigw.JsonSchema) },
    });
  }

  /** API Gateway's own errors (auth, throttling, validation) in the lab's error shape. */
  private addErrorResponses(): void {
    const template = (code: string, message: string) =>
      `{"error":{"code":"${code}","message":${message},"requestId":"$context.requestId"}}`;
    const responses: Array<[string, apigw.ResponseType, string, string]> = [
      [
        'BadRequestBody',
        apigw.ResponseType.BAD_REQUEST_BODY,
        'INVALID_REQUEST',
        '"The request body does not match the route\'s JSON schema (missing, unknown or wrong-typed fields)."',
      ],
      [
        'BadRequestParameters',
        apigw.ResponseType.BAD_REQUEST_PARAMETERS,
        'INVALID_REQUEST',
        '$context.error.messageString',
      ],
      [
        'RequestTooLarge',
        apigw.ResponseType.REQUEST_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        '$context.error.messageString',
      ],
      [
        'Throttled',
        apigw.ResponseType.THROTTLED,
        'THROTTLED',
        '"Stage throttling limit reached (a cost ceiling). Retry after a pause."',
      ],
      ['AccessDenied', apigw.ResponseType.ACCESS_DENIED, 'ACCESS_DENIED', '$context.error.messageString'],
      [
        'MissingAuthToken',
        apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
        'UNSIGNED_OR_UNKNOWN_ROUTE',
        '"Sign the request with SigV4 (service execute-api), and check the method and path."',
      ],
      [
        'Default4xx',
        apigw.ResponseType.DEFAULT_4XX,
        '$context.error.responseType',
        '$context.error.messageString',
      ],
      [
        'Default5xx',
        apigw.ResponseType.DEFAULT_5XX,
        '$context.error.responseType',
        '$context.error.messageString',
      ],
    ];
    for (const [id, type, code, message] of responses) {
      this.api.addGatewayResponse(id, {
        type,
        templates: { 'application/json': template(code, message) },
      });
    }
  }
}
