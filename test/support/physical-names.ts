/**
 * Every physical name a synthesized app gives, for the two-instance test: the stack names, every
 * resource property named `…Name` (at any depth, so `Budget.BudgetName` counts), export names, and
 * the Lambda environment variables that carry a name the function gives at run time
 * (`JOB_NAME_STEM`). References are written `<stack/logicalId>`: they resolve to an id AWS makes
 * for that stack's resource, so two stacks with different names never share one.
 */
/** A synthesized stack: its name and its template (from a cloud assembly, or `Template.fromStack`). */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly template: unknown;
}

/**
 * Name properties that are unique only inside their parent, not in the account or Region, or that
 * refer to another resource instead of naming this one, or that end in `Name` but are a setting.
 * Each with its reason.
 */
export const PARENT_SCOPED: Readonly<Record<string, string>> = {
  'AWS::ApiGateway::Model Name': 'unique within its REST API',
  'AWS::ApiGateway::RequestValidator Name': 'unique within its REST API',
  'AWS::ApiGateway::Stage StageName': 'unique within its REST API',
  'AWS::ApiGateway::Deployment StageName': 'unique within its REST API',
  'AWS::IAM::Policy PolicyName': 'an inline policy: unique per role it is attached to',
  'AWS::Lambda::Permission FunctionName': 'refers to the function the permission is on',
  'AWS::Bedrock::Guardrail TierName': 'the safeguard tier (CLASSIC or STANDARD), a setting, not a name',
};

/** Subtrees that hold no name of this resource (conditions name keys like transcribe:OutputBucketName). */
const SKIPPED_SUBTREES = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Tags']);

/** Environment variables that carry a name the function gives at run time. */
const RUNTIME_NAME_VARIABLES = new Set(['JOB_NAME_STEM']);

export interface PhysicalName {
  /** The name as CloudFormation would resolve it, references as `<stack/logicalId>`. */
  readonly name: string;
  /** Where it is: `Stack/LogicalId (Type).Property`. */
  readonly where: string;
}

/** A CloudFormation value as text: literals as they are, intrinsics spelled out. */
function render(value: unknown, stack: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => render(v, stack)).join(',');
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value)[0] ?? [];
    if (fn === 'Ref')
      return String(arg).startsWith('AWS::') ? `\${${String(arg)}}` : `<${stack}/${String(arg)}>`;
    if (fn === 'Fn::GetAtt') return `<${stack}/${(arg as string[])[0]}>`;
    if (fn === 'Fn::Join') {
      const [sep, parts] = arg as [string, unknown[]];
      return parts.map((p) => render(p, stack)).join(sep);
    }
    if (fn === 'Fn::Sub') return String(Array.isArray(arg) ? arg[0] : arg);
    return JSON.stringify(value);
  }
  return String(value);
}

const isIntrinsic = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && /^(Ref|Fn::)/.test(Object.keys(v)[0] ?? '');

function namesIn(props: unknown, type: string, where: string, stack: string, out: PhysicalName[]): void {
  if (!props || typeof props !== 'object') return;
  for (const [key, value] of Object.entries(props)) {
    if (SKIPPED_SUBTREES.has(key)) continue;
    const at = `${where}.${key}`;
    if (key === 'Variables' && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        if (RUNTIME_NAME_VARIABLES.has(k)) out.push({ name: render(v, stack), where: `${at}.${k}` });
    } else if (/Name$/.test(key) && (typeof value === 'string' || isIntrinsic(value))) {
      if (!PARENT_SCOPED[`${type} ${key}`]) out.push({ name: render(value, stack), where: at });
    } else {
      namesIn(value, type, at, stack, out);
    }
  }
}

/** Every physical name in these stacks. */
export function physicalNames(stacks: readonly SynthesizedStack[]): PhysicalName[] {
  const out: PhysicalName[] = [];
  for (const stack of stacks) {
    out.push({ name: stack.stackName, where: `${stack.stackName} (stack name)` });
    const json = stack.template as {
      Resources?: Record<string, { Type: string; Properties?: unknown }>;
      Outputs?: Record<string, { Export?: { Name?: unknown } }>;
    };
    for (const [id, r] of Object.entries(json.Resources ?? {}))
      namesIn(r.Properties, r.Type, `${stack.stackName}/${id} (${r.Type})`, stack.stackName, out);
    for (const [id, o] of Object.entries(json.Outputs ?? {}))
      if (o.Export?.Name !== undefined)
        out.push({
          name: render(o.Export.Name, stack.stackName),
          where: `${stack.stackName}/${id} (export)`,
        });
  }
  return out;
}

/** Names two sets share, compared case-insensitively (some services treat names so). */
export function sharedNames(a: readonly PhysicalName[], b: readonly PhysicalName[]): string[] {
  const other = new Map(b.map((n) => [n.name.toLowerCase(), n.where]));
  return a
    .filter((n) => other.has(n.name.toLowerCase()))
    .map((n) => `${n.name}: ${n.where} and ${other.get(n.name.toLowerCase())}`);
}
