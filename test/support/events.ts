/** Realistic API Gateway REST (Lambda proxy) events for handler tests. */
import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface EventOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Resource path as configured in API Gateway, e.g. `/transcribe/jobs/{jobName}`. */
  readonly resource: string;
  /** Body: an object is JSON-encoded, a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly isBase64Encoded?: boolean;
}

export function apiEvent(o: EventOptions): APIGatewayProxyEvent {
  const path = Object.entries(o.pathParameters ?? {}).reduce(
    (p, [k, v]) => p.replace(`{${k}}`, encodeURIComponent(v)),
    o.resource,
  );
  const body = o.body === undefined ? null : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  return {
    resource: o.resource,
    path,
    httpMethod: o.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...o.headers },
    multiValueHeaders: {},
    queryStringParameters: o.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: o.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: o.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: o.method ?? 'POST',
      identity: {
        accessKey: null,
        accountId: '123456789012',
        apiKey: null,
        apiKeyId: null,
        caller: 'AIDAEXAMPLE',
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.1',
        user: 'AIDAEXAMPLE',
        userAgent: 'jest',
        userArn: 'arn:aws:iam::123456789012:user/learner',
      },
      path: `/v1${path}`,
      stage: 'v1',
      requestId: 'req-0001',
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'res1',
      resourcePath: o.resource,
    },
  };
}

/** Parse a handler result's JSON body. */
export function bodyOf(result: { body: string }): Record<string, any> {
  return JSON.parse(result.body);
}
