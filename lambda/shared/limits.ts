/**
 * The AWS time limits the lab's deadlines are built on, each with where it is written and when it
 * was read. `confirmed`: read in AWS's documentation on that date; `unverified`: not found there.
 * The lab's own deadlines per route, and how they follow from these, are in docs/deadlines.md.
 */
export interface AwsLimit {
  readonly value: number;
  readonly unit: 'ms' | 's' | 'MB';
  readonly what: string;
  readonly source: string;
  /** Date the source was read (YYYY-MM-DD). */
  readonly read: string;
  readonly status: 'confirmed' | 'unverified';
}

const READ = '2026-11-28';
const STREAMING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html';

export const AWS_LIMITS = {
  apiGatewayIntegrationTimeout: {
    value: 29,
    unit: 's',
    what: "API Gateway REST integration timeout (buffered): the default, and the limit without a quota increase; past it the caller gets API Gateway's own 504",
    source: STREAMING,
    read: READ,
    status: 'confirmed',
  },
  apiGatewayStreamingMaxDuration: {
    value: 15 * 60,
    unit: 's',
    what: 'API Gateway REST response streaming: longest stream, and the highest integration timeout a STREAM integration may set',
    source: `${STREAMING}; https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html`,
    read: READ,
    status: 'confirmed',
  },
  apiGatewayStreamingIdleRegional: {
    value: 5 * 60,
    unit: 's',
    what: 'API Gateway REST response streaming: idle timeout on a Regional or private endpoint (30 s edge-optimized)',
    source: STREAMING,
    read: READ,
    status: 'confirmed',
  },
  lambdaMaxTimeout: {
    value: 900,
    unit: 's',
    what: 'Lambda function timeout, maximum (default 3 s)',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    read: READ,
    status: 'confirmed',
  },
  lambdaStreamingMaxResponse: {
    value: 200,
    unit: 'MB',
    what: 'Lambda response streaming: largest streamed response (the first 6 MB uncapped, then up to 2 MBps)',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html',
    read: READ,
    status: 'confirmed',
  },
} as const satisfies Record<string, AwsLimit>;

/**
 * Facts the lab relies on that are written as prose, not numbers.
 * - Lambda keeps a streaming function running, and billed, when the client disconnects: the
 *   Chinese-Region copy of the response-streaming page says so
 *   (https://docs.amazonaws.cn/lambda/latest/dg/configuration-response-streaming.html); the
 *   API Gateway page says the function "might continue to execute" after a timeout closes the
 *   connection (confirmed). Whether the Node.js runtime's response stream emits 'close' or 'error'
 *   in the function when that happens is not documented (unverified): the handler listens for both.
 * - API Gateway uses the client's first Accept header to decide whether to return binary media
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html,
 *   confirmed). How it compares a wildcard Accept (`audio/*`), letter case or parameters with the
 *   binaryMediaTypes list is not documented (unverified), so the lab serves audio only for an exact match.
 * - Whether Bedrock bills the tokens a stream generated before it was aborted, and whether it bills
 *   a Converse call whose client timed out, is not documented (unverified): the lab assumes it may,
 *   so it never repeats a timed-out model call and says so in a TIMEOUT event's usage.
 */
export const AWS_FACTS_READ = READ;
