/**
 * Bedrock errors with actionable messages (model access, model availability, throttling), for
 * every Bedrock route: Converse, ConverseStream and the comparison map errors here alone.
 */
import { type AwsErrorOverride, HttpError, isHttpError, toHttpError } from '../shared/errors';
import { baseModelId } from '../shared/pricing';

const MODEL_ACCESS = /model access|access to (the|this) model/i;
const MODEL_UNAVAILABLE =
  /model identifier|model id|on-demand throughput|inference profile|(not supported|not available|unsupported) in (this|the) region/i;

/** Map an error from Converse to an HttpError whose message tells the learner what to do. */
export function bedrockError(err: unknown, modelId: string, region = 'your Region'): HttpError {
  if (isHttpError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: string; message?: string };
  const name = e.name ?? 'Error';
  const message = e.message ?? '';
  const foundationModel = baseModelId(modelId);
  const viaProfile = foundationModel !== modelId;

  if ((name === 'AccessDeniedException' || name === 'AccessDenied') && MODEL_ACCESS.test(message)) {
    return new HttpError(
      403,
      'MODEL_ACCESS',
      `This account has no access to model ${modelId} in ${region}. Enable it: Amazon Bedrock console → Region ` +
        `${region} → Model access → Modify model access → select ${foundationModel} → Submit, wait for "Access granted", ` +
        `then retry${viaProfile ? ` (an inference profile needs ${foundationModel} enabled in every Region it routes to)` : ''}. ` +
        'Or redeploy with -c bedrockModelId=<a model you have access to>.',
    );
  }
  const unavailable =
    !/guardrail/i.test(message) &&
    (name === 'ResourceNotFoundException' ||
      (name === 'ValidationException' && MODEL_UNAVAILABLE.test(message)));
  if (unavailable) {
    return new HttpError(
      name === 'ResourceNotFoundException' ? 404 : 400,
      'MODEL_NOT_AVAILABLE',
      `Model ${modelId} is not available in ${region} (${name}). Redeploy with ` +
        '-c bedrockModelId=<an inference profile id like us.amazon.nova-micro-v1:0> (eu.… or apac.… outside the US), ' +
        'or deploy to a Region that offers the model on demand.',
    );
  }
  const overrides: Record<string, AwsErrorOverride> = {
    AccessDeniedException: {
      status: 403,
      code: 'ACCESS_DENIED',
      message:
        `The function's role may not invoke ${modelId} (AccessDeniedException). Check the stack's BedrockInvoke ` +
        'policy (InvokeModel on the model or profile ARNs, ApplyGuardrail on the guardrail) and any SCPs.',
    },
    ThrottlingException: {
      status: 429,
      code: 'THROTTLED',
      message:
        'Amazon Bedrock is throttling requests for this model (ThrottlingException). Retry after a pause.',
    },
    ServiceQuotaExceededException: {
      status: 429,
      code: 'THROTTLED',
      message:
        'A Bedrock quota for this model is used up (ServiceQuotaExceededException). Retry later or ask for a higher quota in Service Quotas.',
    },
    ModelNotReadyException: {
      status: 429,
      code: 'MODEL_NOT_READY',
      message: 'The model is not ready to serve yet (ModelNotReadyException). Retry in a few seconds.',
    },
    ModelTimeoutException: {
      status: 504,
      code: 'MODEL_TIMEOUT',
      message: 'The model took too long (ModelTimeoutException). Retry, or ask for fewer tokens (maxTokens).',
    },
    ServiceUnavailableException: {
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Amazon Bedrock is unavailable (ServiceUnavailableException). Try again later.',
    },
    ModelStreamErrorException: {
      status: 502,
      code: 'MODEL_ERROR',
      message:
        'The model stream failed part-way (ModelStreamErrorException). Retry; if it persists, try another model.',
    },
    ModelErrorException: {
      status: 502,
      code: 'MODEL_ERROR',
      message:
        'The model failed while processing the request (ModelErrorException). Retry; if it persists, try another model.',
    },
  };
  return toHttpError(err, overrides);
}
