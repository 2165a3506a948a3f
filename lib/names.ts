/**
 * Every physical name the lab gives, built from one instance prefix (`-c prefix=…`, default
 * `AiLab`), so that two copies of the lab — two learners in one classroom account, or one
 * learner trying a change beside a working copy — share no name in an account and Region.
 *
 * Stack names are `<prefix>-<suffix>` (the catalogue holds the suffix, `stackName` builds the
 * name: `AiLab-Comprehend`). The other names start with the prefix's kebab-case stem
 * (`AiLab` → `ai-lab`), so the default instance keeps the names it always had: the REST APIs
 * `ai-lab-comprehend` …, the guardrail `ai-lab-guardrail-sandbox`, Transcribe jobs
 * `ai-lab-<time>-<random>`. The budget name carries the Region too: budget names are unique
 * per account, not per Region.
 *
 * Everything else the stacks create is left unnamed, so CloudFormation names it after the stack
 * (functions, roles, log groups, buckets), or is named after an id AWS generates (API Gateway's
 * execution log group `API-Gateway-Execution-Logs_<api id>/<stage>`, the auto-delete provider's
 * `/aws/lambda/<function name>`): those differ between instances by construction.
 *
 * lib/config.ts checks every name here against its service's rule (NAME_RULES) when the settings
 * are read, so a bad `prefix` or `environment` fails synth with the key's name, not with a
 * CloudFormation validation error on one resource.
 */
import type { DemoId } from './services';

/** The prefix of the lab's default instance: the stack names the lab always had. */
export const DEFAULT_PREFIX = 'AiLab';

/** Environment variable every tool (CLI, smoke run, playground, review, cost) and synth read for the prefix. */
export const PREFIX_ENV = 'AI_LAB_PREFIX';

/**
 * Letters and digits starting with a capital letter. No hyphen: then `<prefix>-` never starts
 * another instance's name, and the kebab-case stem is one-to-one (each capital after the first
 * letter becomes `-` + its lower case, so `AiLab` → `ai-lab` and `AILab` → `a-i-lab`).
 */
export const PREFIX_PATTERN = /^[A-Z][A-Za-z0-9]*$/;
export const PREFIX_MAX_LENGTH = 16;
export const PREFIX_RULE = `a capital letter, then letters and digits only (at most ${PREFIX_MAX_LENGTH}), e.g. AiLab, Kim, TeamB2`;

/** The full name of one of the lab's stacks, e.g. `stackName('Kim', 'Comprehend')` → `Kim-Comprehend`. */
export function stackName(prefix: string, suffix: string): string {
  return `${prefix}-${suffix}`;
}

/** The prefix and suffix of a lab stack name (`Kim-Comprehend` → Kim, Comprehend), if it is one. */
export function splitStackName(name: string): { prefix: string; suffix: string } | undefined {
  const dash = name.indexOf('-');
  if (dash < 1) return undefined;
  const prefix = name.slice(0, dash);
  return PREFIX_PATTERN.test(prefix) ? { prefix, suffix: name.slice(dash + 1) } : undefined;
}

/**
 * The command that deploys a lab stack: `npx cdk deploy AiLab-Comprehend`, and with the prefix
 * for any other instance (`npx cdk deploy Kim-Comprehend -c prefix=Kim`), since synth makes the
 * stacks of one prefix only.
 */
export function deployCommand(stack: string): string {
  const prefix = splitStackName(stack)?.prefix;
  return `npx cdk deploy ${stack}${prefix && prefix !== DEFAULT_PREFIX ? ` -c prefix=${prefix}` : ''}`;
}

/** The lower-case stem of the other names: `AiLab` → `ai-lab`, `Kim` → `kim`, `TeamB2` → `team-b2`. */
export function nameStem(prefix: string): string {
  return prefix.replace(/(?!^)[A-Z]/g, (c) => `-${c}`).toLowerCase();
}

/** Name of a demo's REST API (not unique in AWS, but it is what the console lists). */
export function restApiName(prefix: string, id: DemoId | string): string {
  return `${nameStem(prefix)}-${id}`;
}

/** Name of the Bedrock demo's guardrail: unique per account and Region. */
export function guardrailName(prefix: string, environment: string): string {
  return `${nameStem(prefix)}-guardrail-${environment}`;
}

/** Name of the pipeline's own guardrail (AiLab-Pipeline): unique per account and Region. */
export function pipelineGuardrailName(prefix: string, environment: string): string {
  return `${nameStem(prefix)}-pipeline-guardrail-${environment}`;
}

/**
 * What the pipeline's Bedrock batch job names start with (`<stem>-pipeline-`), followed by the run
 * id (lambda/pipeline/schemas.ts). Its EventBridge rule matches this prefix, and the job-event
 * function accepts only a run id after it, so one instance never resumes another's runs.
 */
export function pipelineJobPrefix(prefix: string): string {
  return `${nameStem(prefix)}-pipeline-`;
}

/** Name of the monthly budget, qualified by the Region (a token at synth): unique per account. */
export function budgetName(prefix: string, region: string): string {
  return `${nameStem(prefix)}-monthly-${region}`;
}

/**
 * Name of the CloudWatch dashboard (`-c dashboard=true`), qualified by the Region (a token at
 * synth) like the budget's: dashboards are global to the account, not per Region, and PutDashboard
 * with an existing name replaces that dashboard's contents, so one fixed name would let a second
 * deploy (another Region, another learner) overwrite the first's dashboard.
 */
export function dashboardName(prefix: string, region: string): string {
  return `${nameStem(prefix)}-dashboard-${region}`;
}

/**
 * What the Transcribe demo's job names start with (`<stem>-`), followed by a fixed-shape
 * `YYYYMMDD-HHMMSS-xxxxxxxx` (lambda/transcribe/logic.ts). Job names are unique per account and
 * Region.
 */
export function transcribeJobStem(prefix: string): string {
  return nameStem(prefix);
}

/** A service's rule for one kind of name, with where it is written down. */
export interface NameRule {
  readonly what: string;
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** Where the name must be unique. */
  readonly unique: string;
  readonly source: string;
}

export const NAME_RULES = {
  stack: {
    what: 'CloudFormation stack name',
    pattern: /^[A-Za-z][A-Za-z0-9-]*$/,
    maxLength: 128,
    unique: 'account and Region',
    source:
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html (StackName: alphanumeric, case sensitive, and hyphens; starts with a letter; at most 128), read 2026-12-05',
  },
  guardrail: {
    what: 'Amazon Bedrock guardrail name',
    pattern: /^[0-9a-zA-Z_-]+$/,
    maxLength: 50,
    unique: 'account and Region',
    source:
      "AWS::Bedrock::Guardrail Name, as aws-cdk-lib 2.276.0's CloudFormation validation checks it (pattern ^[0-9a-zA-Z-_]+$, at most 50); read 2026-12-05",
  },
  budget: {
    what: 'AWS Budgets budget name',
    // No ':' or '\', and not the substring '/action/'.
    pattern: /^(?![^:\\]*\/action\/)[^:\\]+$/,
    maxLength: 100,
    unique: 'account (every Region)',
    source:
      'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html (BudgetName: unique within an account, 1-100, no : or \\, no /action/), read 2026-12-05',
  },
  dashboard: {
    what: 'CloudWatch dashboard name',
    pattern: /^[A-Za-z0-9_-]+$/,
    maxLength: 255,
    unique: 'account (dashboards are global, not per Region)',
    source:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html (A-Z, a-z, 0-9, - and _, at most 255; an existing name is overwritten; global, not Region-specific), read 2026-12-05',
  },
  transcribeJob: {
    what: 'Amazon Transcribe job name',
    pattern: /^[0-9a-zA-Z._-]+$/,
    maxLength: 200,
    unique: 'account and Region',
    source:
      'https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html (unverified here: the lab only uses lower-case letters, digits and -)',
  },
  bedrockBatchJob: {
    what: 'Amazon Bedrock batch inference job name',
    pattern: /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/,
    maxLength: 63,
    unique: 'account and Region',
    source:
      'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelInvocationJob.html (jobName: 1-63, letters, digits, -, +, .; unverified here: the lab only uses lower-case letters, digits and -)',
  },
} as const satisfies Record<string, NameRule>;

/** Longer than any Region code, to check a Region-qualified name before the Region is known. */
const REGION_PLACEHOLDER = 'x'.repeat(25);
/** What a pipeline batch job's prefix is followed by: a run id (lambda/pipeline/schemas.ts RUN_ID). */
const PIPELINE_RUN_EXAMPLE = 'r20261128120000-abcdef12';
/** What the job stem is followed by: `-YYYYMMDD-HHMMSS-xxxxxxxx`. */
const JOB_SUFFIX_EXAMPLE = '-20261128-120000-abcdef12';

export interface DerivedName {
  readonly name: string;
  readonly rule: NameRule;
  /** The settings the name is built from, for the error message. */
  readonly from: ReadonlyArray<'prefix' | 'environment'>;
}

/**
 * Every name built from the prefix and the environment, as the stacks build them (stack names
 * with the longest suffix the catalogue gives), for lib/config.ts to check.
 */
export function derivedNames(
  prefix: string,
  environment: string,
  stackSuffixes: readonly string[],
): DerivedName[] {
  const longest = [...stackSuffixes].sort((a, b) => b.length - a.length)[0] ?? '';
  return [
    { name: stackName(prefix, longest), rule: NAME_RULES.stack, from: ['prefix'] },
    { name: guardrailName(prefix, environment), rule: NAME_RULES.guardrail, from: ['prefix', 'environment'] },
    { name: budgetName(prefix, REGION_PLACEHOLDER), rule: NAME_RULES.budget, from: ['prefix'] },
    { name: dashboardName(prefix, REGION_PLACEHOLDER), rule: NAME_RULES.dashboard, from: ['prefix'] },
    {
      name: `${transcribeJobStem(prefix)}${JOB_SUFFIX_EXAMPLE}`,
      rule: NAME_RULES.transcribeJob,
      from: ['prefix'],
    },
    {
      name: pipelineGuardrailName(prefix, environment),
      rule: NAME_RULES.guardrail,
      from: ['prefix', 'environment'],
    },
    {
      name: `${pipelineJobPrefix(prefix)}${PIPELINE_RUN_EXAMPLE}`,
      rule: NAME_RULES.bedrockBatchJob,
      from: ['prefix'],
    },
  ];
}

/** Why a name breaks its rule, or undefined when it does not. */
export function nameProblem(n: DerivedName): string | undefined {
  if (n.name.length > n.rule.maxLength)
    return `makes the ${n.rule.what} '${n.name}' (${n.name.length} characters), over its limit of ${n.rule.maxLength}`;
  if (!n.rule.pattern.test(n.name))
    return `makes the ${n.rule.what} '${n.name}', which AWS rejects (it must match ${n.rule.pattern.source})`;
  return undefined;
}
