/**
 * Bedrock errors with actionable messages (model access, model availability, throttling), for
 * every Bedrock route: Converse, ConverseStream and the comparison map errors here alone.
 */
import { type AwsErrorOverride, HttpError, isHttpError, toHttpError } from '../shared/errors';
import { baseModelId } from '../shared/pricing';

/**
 * How Amazon Bedrock grants model access today (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html,
 * read 2026-12-05): the console's "Model access" page is retired and serverless models are enabled
 * by default. Access is decided by IAM and SCPs; a third-party model is subscribed to through AWS
 * Marketplace on its first call (the caller needs aws-marketplace:Subscribe and ViewSubscriptions,
 * up to 15 minutes); Anthropic asks once per account (or Organization management account) for
 * use-case details. Denials seen in the wild: "You don't have access to the model with the
 * specified model ID.", "Model access is denied due to IAM user or service role is not authorized
 * to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions,
 * aws-marketplace:Subscribe) …". The use-case wording is not confirmed: matched loosely.
 */
const MODEL_ACCESS = /model access|access to (the|this) model|use case/i;
const MARKETPLACE = /aws-marketplace|marketplace subscription/i;
const USE_CASE_FORM = /use case/i;
const MODEL_UNAVAILABLE =
  /model identifier|model id|on-demand throughput|inference profile|(not supported|not available|unsupported) in (this|the) region/i;

/** Map an error from Converse to an HttpError whose message tells the learner what to do. */
export function bedrockError(err: unknown, modelId: string, region = 'your Region'): HttpError {
  if (isHttpError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: string; message?: string };
  const name = e.name ?? 'Error';
  const message = e.message ?? '';

  if ((name === 'AccessDeniedException' || name === 'AccessDenied') && MODEL_ACCESS.test(message)) {
    return new HttpError(403, 'MODEL_ACCESS', modelAccessMessage(message, modelId, region));
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

/** What to do about a model-access denial, by its cause (see MODEL_ACCESS above). */
function modelAccessMessage(message: string, modelId: string, region: string): string {
  const foundationModel = baseModelId(modelId);
  const instead = 'Or redeploy with -c bedrockModelId=amazon.nova-micro-v1:0 (Amazon models need neither).';
  if (MARKETPLACE.test(message)) {
    return (
      `Amazon Bedrock could not finish the AWS Marketplace subscription that ${foundationModel} needs on its first ` +
      "call: the function's role may not subscribe (aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions), " +
      'on purpose. Open the model once in the Amazon Bedrock console (Model catalog, Region ' +
      `${region}, open it in the playground) signed in as someone allowed to subscribe, wait up to 15 minutes, ` +
      `then retry. ${instead}`
    );
  }
  if (USE_CASE_FORM.test(message)) {
    return (
      `Anthropic asks each account (or its Organization's management account) once for use-case details before ` +
      `${foundationModel} can be called. Submit them in the Amazon Bedrock console (Model catalog, Region ` +
      `${region}, the Anthropic model), wait up to 15 minutes, then retry. ${instead}`
    );
  }
  const viaProfile = foundationModel !== modelId;
  return (
    `Amazon Bedrock denied access to ${modelId} in ${region}. There is no model access page to visit any ` +
    "more: serverless models are enabled on first use. Access is decided by IAM (the stack's BedrockInvoke " +
    "policy), your Organization's SCPs and permission boundaries, an AWS Marketplace subscription for " +
    `third-party models and a one-time use-case form for Anthropic models${
      viaProfile
        ? `; an inference profile also calls ${foundationModel} in the other Regions it routes to, which an SCP may deny`
        : ''
    }. ${instead.replace('neither', 'no subscription or form')}`
  );
}
