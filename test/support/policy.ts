/**
 * Template policies every stack of the lab must meet. Each check returns the violations it
 * finds (empty = compliant), so tests can assert both that the lab passes and, with negative
 * controls, that a non-compliant template is caught.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { REQUIRED_TAG_KEYS } from '../../lib/constructs/cost-tags';
import { NO_IDLE_CHARGE_TYPES } from '../../lib/idle-cost';

type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

function resources(t: Template): Array<[string, Resource]> {
  return Object.entries(
    ((t.toJSON() as { Resources?: Record<string, Resource> }).Resources ?? {}) as Record<string, Resource>,
  );
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Actions allowed on Resource "*": each has no resource-level permission for the way the lab
 * uses it (Service Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/, one
 * list_amazon<service>.html page per service).
 */
export const STAR_RESOURCE_ALLOWLIST = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'comprehend:DetectSentiment',
  'comprehend:DetectEntities',
  'comprehend:DetectKeyPhrases',
  'comprehend:DetectDominantLanguage',
  'comprehend:DetectPiiEntities',
  'comprehend:DetectToxicContent',
  'translate:TranslateText',
  'translate:ListLanguages',
  'textract:DetectDocumentText',
  'textract:AnalyzeDocument',
  'textract:StartDocumentTextDetection',
  'textract:StartDocumentAnalysis',
  'textract:GetDocumentTextDetection',
  'textract:GetDocumentAnalysis',
  'rekognition:DetectLabels',
  'rekognition:DetectText',
  'rekognition:DetectFaces',
  'rekognition:DetectModerationLabels',
  'polly:SynthesizeSpeech',
  'polly:DescribeVoices',
  'transcribe:StartTranscriptionJob',
  // AiLab-Pipeline's state machine: its AI steps, the log delivery and X-Ray sampling CDK grants for
  // its logging and tracing, and the task-token callbacks of its batch job event function.
  'polly:StartSpeechSynthesisTask',
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
]);

/** Types that accept Tags in CloudFormation, so must carry the cost-allocation tags. */
const TAGGABLE_TYPES = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::IAM::Role',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::Bedrock::Guardrail',
  'AWS::StepFunctions::StateMachine',
]);

export const RUNTIME = 'nodejs24.x';

export function methodsWithoutIamAuth(t: Template): string[] {
  return resources(t)
    .filter(([, r]) => r.Type === 'AWS::ApiGateway::Method')
    .filter(([, r]) => r.Properties?.AuthorizationType !== 'AWS_IAM')
    .map(([id]) => id);
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}

/** Where each resource type keeps its policy documents (a property path; `[]` steps into a list). */
const POLICY_DOCUMENTS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'AWS::IAM::Role': [['AssumeRolePolicyDocument'], ['Policies', '[]', 'PolicyDocument']],
  'AWS::IAM::User': [['Policies', '[]', 'PolicyDocument']],
  'AWS::IAM::Group': [['Policies', '[]', 'PolicyDocument']],
  'AWS::IAM::Policy': [['PolicyDocument']],
  'AWS::IAM::ManagedPolicy': [['PolicyDocument']],
  'AWS::S3::BucketPolicy': [['PolicyDocument']],
  'AWS::SQS::QueuePolicy': [['PolicyDocument']],
  'AWS::SNS::TopicPolicy': [['PolicyDocument']],
  'AWS::KMS::Key': [['KeyPolicy']],
  'AWS::ApiGateway::RestApi': [['Policy']],
  'AWS::SecretsManager::ResourcePolicy': [['ResourcePolicy']],
  'AWS::Events::EventBusPolicy': [['Statement']],
  'AWS::ECR::Repository': [['RepositoryPolicyText']],
};

function at(value: unknown, steps: readonly string[]): unknown[] {
  if (steps.length === 0) return value === undefined ? [] : [value];
  const [step, ...rest] = steps;
  if (step === '[]') return asArray(value as unknown[]).flatMap((v) => at(v, rest));
  return value && typeof value === 'object' ? at((value as Record<string, unknown>)[step!], rest) : [];
}

/**
 * Every statement of every policy document in a template: identity policies, trust policies, and the
 * resource policies of buckets, queues, topics, keys, APIs, secrets, event buses and repositories
 * (a document written as a JSON string is parsed); a Lambda permission counts as one statement.
 */
export function statements(t: Template): Array<[string, Statement]> {
  const out: Array<[string, Statement]> = [];
  for (const [id, r] of resources(t)) {
    if (r.Type === 'AWS::Lambda::Permission' || r.Type === 'AWS::Lambda::LayerVersionPermission') {
      out.push([id, { Effect: 'Allow', Action: r.Properties?.Action, Principal: r.Properties?.Principal }]);
      continue;
    }
    for (const steps of POLICY_DOCUMENTS[r.Type] ?? []) {
      for (const found of at(r.Properties, steps)) {
        const doc = typeof found === 'string' ? (JSON.parse(found) as unknown) : found;
        // EventBusPolicy's Statement property is one statement; every other path is a document.
        const list =
          steps.at(-1) === 'Statement' ? [doc] : asArray((doc as { Statement?: unknown })?.Statement);
        for (const st of list) out.push([id, st as Statement]);
      }
    }
  }
  return out;
}

/**
 * The one statement with wildcard actions the lab's templates carry: the one CDK writes into a bucket
 * policy for `autoDeleteObjects`, letting its bucket-emptying provider role read the bucket's tags and
 * policy, list and delete every object version, and deny new uploads while it empties the bucket
 * (aws-cdk-lib's aws-s3 `BUCKET_READ_METADATA_ACTIONS` and `BUCKET_DELETE_ACTIONS`). The review
 * flags them (LAB-IAM-WILDCARD-ACTION) and names CDK as their author.
 */
export const CDK_AUTO_DELETE_WILDCARDS: ReadonlySet<string> = new Set([
  's3:DeleteObject*',
  's3:GetBucket*',
  's3:List*',
]);
const CDK_AUTO_DELETE_ROLE = 'CustomS3AutoDeleteObjectsCustomResourceProviderRole';

function cdkAutoDeleteWildcard(id: string, t: Template, s: Statement, action: string): boolean {
  const type = (t.toJSON() as { Resources: Record<string, Resource> }).Resources[id]?.Type;
  return (
    type === 'AWS::S3::BucketPolicy' &&
    CDK_AUTO_DELETE_WILDCARDS.has(action) &&
    JSON.stringify(s.Principal ?? null).includes(CDK_AUTO_DELETE_ROLE)
  );
}

/**
 * Wildcard actions (`*`, `s3:*`, `s3:List*`, `?`) that a statement of any policy document allows, but
 * CDK's auto-delete statement. A Deny may use one (the buckets' TLS-only statement denies `s3:*`).
 */
export function wildcardActions(t: Template): string[] {
  return statements(t)
    .filter(([, s]) => s.Effect !== 'Deny')
    .flatMap(([id, s]) =>
      asArray(s.Action)
        .filter((a) => typeof a === 'string' && /[*?]/.test(a))
        .filter((a) => !cdkAutoDeleteWildcard(id, t, s, a))
        .map((a) => `${id}: ${a}`),
    );
}

/** Allowed actions on `Resource: "*"` outside the allowlist, in any policy document. */
export function starResourceViolations(t: Template): string[] {
  return statements(t)
    .filter(([, s]) => s.Effect !== 'Deny' && asArray(s.Resource).includes('*'))
    .flatMap(([id, s]) =>
      asArray(s.Action)
        .filter((a) => !STAR_RESOURCE_ALLOWLIST.has(a))
        .map((a) => `${id}: ${a} on *`),
    );
}

export function missingTags(t: Template): string[] {
  const out: string[] = [];
  for (const [id, r] of resources(t)) {
    if (!TAGGABLE_TYPES.has(r.Type)) continue;
    const tags = r.Properties?.Tags;
    const keys = Array.isArray(tags) ? tags.map((x: { Key: string }) => x.Key) : Object.keys(tags ?? {});
    const missing = REQUIRED_TAG_KEYS.filter((k) => !keys.includes(k));
    if (missing.length) out.push(`${id} (${r.Type}) lacks ${missing.join(', ')}`);
  }
  return out;
}

export function retainedResources(t: Template): string[] {
  return resources(t)
    .filter(
      ([, r]) =>
        r.DeletionPolicy === 'Retain' ||
        r.UpdateReplacePolicy === 'Retain' ||
        r.DeletionPolicy === 'RetainExceptOnCreate',
    )
    .map(([id, r]) => `${id} (${r.Type})`);
}

export function logGroupsWithoutRetention(t: Template): string[] {
  return resources(t)
    .filter(([, r]) => r.Type === 'AWS::Logs::LogGroup' && !r.Properties?.RetentionInDays)
    .map(([id]) => id);
}

export function functionViolations(t: Template): string[] {
  const out: string[] = [];
  for (const [id, r] of resources(t)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const p = r.Properties ?? {};
    // CDK's own provider functions (bucket auto-delete) are not ours to configure; their log
    // group must still be owned by the stack (see functionsWithoutOwnedLogGroup).
    if (id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProvider')) continue;
    if (p.Runtime !== RUNTIME) out.push(`${id}: runtime ${p.Runtime}`);
    if (JSON.stringify(p.Architectures) !== '["arm64"]') out.push(`${id}: not arm64`);
    if (!p.LoggingConfig?.LogGroup) out.push(`${id}: no explicit log group`);
    if (p.TracingConfig?.Mode !== 'Active') out.push(`${id}: X-Ray not active`);
  }
  return out;
}

/** Functions whose logs would go to a log group the stack does not own (left behind on destroy). */
export function functionsWithoutOwnedLogGroup(t: Template): string[] {
  const all = resources(t);
  const owned = new Set(
    all
      .filter(([, r]) => r.Type === 'AWS::Logs::LogGroup')
      .map(([, r]) => JSON.stringify(r.Properties?.LogGroupName ?? null)),
  );
  const ownedIds = new Set(all.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup').map(([id]) => id));
  return all
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .filter(([id, r]) => {
      const explicit = (r.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup
        ?.Ref;
      if (explicit && ownedIds.has(explicit)) return false;
      return !owned.has(JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: id }]] }));
    })
    .map(([id]) => id);
}

export function unthrottledStages(t: Template): string[] {
  return resources(t)
    .filter(([, r]) => r.Type === 'AWS::ApiGateway::Stage')
    .filter(([, r]) => {
      const all = asArray(r.Properties?.MethodSettings as Array<Record<string, unknown>>).find(
        (m) => m.HttpMethod === '*' && m.ResourcePath === '/*',
      );
      return !(
        all &&
        typeof all.ThrottlingRateLimit === 'number' &&
        typeof all.ThrottlingBurstLimit === 'number'
      );
    })
    .map(([id]) => id);
}

export function idleCostResources(t: Template): string[] {
  return resources(t)
    .filter(([, r]) => !NO_IDLE_CHARGE_TYPES.has(r.Type))
    .map(([id, r]) => `${id} (${r.Type})`);
}

/** "METHOD /path" for every API method, rebuilt from the Resource tree. */
export function apiRoutes(t: Template): string[] {
  const all = Object.fromEntries(resources(t));
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string })?.Ref;
    if (!id) return ''; // the API's root resource
    const r = all[id]!;
    return `${pathOf(r.Properties?.ParentId)}/${r.Properties?.PathPart}`;
  };
  return resources(t)
    .filter(([, r]) => r.Type === 'AWS::ApiGateway::Method')
    .map(([, r]) => `${r.Properties?.HttpMethod} ${pathOf(r.Properties?.ResourceId) || '/'}`)
    .sort();
}
