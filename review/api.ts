/**
 * Who may invoke each API method — its authorization type and the API's resource policy together —
 * what API Gateway validates before the function runs (request validators and models, with the
 * limits their JSON Schemas set), and the stage throttling.
 */
import { type Finding, flag } from './findings';
import type { StatementFact } from './permissions';
import { matches } from './risk';
import { type ResourceInfo, refTarget, routeOf, type StackView } from './template';

export interface MethodFact {
  readonly route: string;
  readonly path: string;
  readonly authorization: string;
  readonly apiKeyRequired: boolean;
  readonly validatesBody: boolean;
  readonly validatesParameters: boolean;
  readonly model?: string;
  /** Limits the request model sets, e.g. `text: maxLength 5000`. */
  readonly limits: readonly string[];
  readonly integration?: string;
  /** Logical id of the function behind the method, when it is a Lambda integration. */
  readonly functionId?: string;
}

export interface StageFact {
  readonly path: string;
  readonly stageName: string;
  readonly rateLimit?: number;
  readonly burstLimit?: number;
  readonly loggingLevel?: string;
  readonly dataTrace?: boolean;
  readonly accessLogs: boolean;
  readonly cacheCluster: boolean;
}

export interface ApiFacts {
  readonly apis: readonly string[];
  /** Principals from outside the account that a REST API's resource policy lets invoke it (rendered). */
  readonly outsideInvokers: readonly string[];
  readonly methods: readonly MethodFact[];
  readonly stages: readonly StageFact[];
  readonly findings: readonly Finding[];
}

const LIMIT_KEYWORDS = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maximum',
  'minimum',
  'maxProperties',
  'pattern',
] as const;

/**
 * Limits a JSON Schema sets, as `field: keyword value` lines in the schema's own terms (nested
 * fields joined with dots), so they read the same in every language.
 */
export function schemaLimits(schema: unknown, prefix = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  const name = prefix || '$';
  for (const k of LIMIT_KEYWORDS) if (s[k] !== undefined) out.push(`${name}: ${k} ${String(s[k])}`);
  if (Array.isArray(s.enum)) out.push(`${name}: enum (${s.enum.length})`);
  if (s.additionalProperties === false) out.push(`${name}: additionalProperties false`);
  for (const [field, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    out.push(...schemaLimits(sub, prefix ? `${prefix}.${field}` : field));
  }
  if (s.items) out.push(...schemaLimits(s.items, `${name}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const sub of (s[key] as unknown[] | undefined) ?? []) out.push(...schemaLimits(sub, prefix));
  }
  return [...new Set(out)];
}

function lambdaBehind(method: ResourceInfo): string | undefined {
  const uri = (method.props.Integration as { Uri?: unknown } | undefined)?.Uri;
  const join = (uri as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  for (const part of join?.[1] ?? []) {
    const id = refTarget(part);
    if (id) return id;
  }
  return undefined;
}

/** Allow statements of a REST API's resource policy that let someone outside the account invoke it, by API. */
function outsidePolicy(
  statements: readonly StatementFact[],
): Map<string, { public: string[]; accounts: string[] }> {
  const out = new Map<string, { public: string[]; accounts: string[] }>();
  for (const s of statements) {
    if (s.kind !== 'resource' || s.sourceType !== 'AWS::ApiGateway::RestApi' || s.effect !== 'Allow')
      continue;
    if (!s.actions.some((a) => matches(a, 'execute-api:Invoke'))) continue;
    const narrowed = s.findings.some((f) => f.key === 'expo.publicNarrowed');
    const entry = out.get(s.logicalId) ?? { public: [], accounts: [] };
    for (const p of s.principals) {
      if (p.kind === 'public' && !narrowed) entry.public.push(p.text);
      if (p.kind === 'otherAccount') entry.accounts.push(p.text);
    }
    out.set(s.logicalId, entry);
  }
  return out;
}

export function apiOf(view: StackView, statements: readonly StatementFact[] = []): ApiFacts {
  const findings: Finding[] = [];
  const methods: MethodFact[] = [];
  const outside = outsidePolicy(statements);
  for (const m of view.resources.filter((r) => r.type === 'AWS::ApiGateway::Method')) {
    const validatorId = refTarget(m.props.RequestValidatorId);
    const validator = validatorId ? view.byId.get(validatorId) : undefined;
    const models = (m.props.RequestModels ?? {}) as Record<string, unknown>;
    const modelId = refTarget(Object.values(models)[0]);
    const model = modelId ? view.byId.get(modelId) : undefined;
    const integration = m.props.Integration as { Type?: string } | undefined;
    const fact: MethodFact = {
      route: routeOf(m, view),
      path: m.path,
      authorization: String(m.props.AuthorizationType ?? 'NONE'),
      apiKeyRequired: m.props.ApiKeyRequired === true,
      validatesBody: validator?.props.ValidateRequestBody === true,
      validatesParameters: validator?.props.ValidateRequestParameters === true,
      model: model ? String(model.props.Name ?? model.path) : undefined,
      limits: model && validator?.props.ValidateRequestBody === true ? schemaLimits(model.props.Schema) : [],
      integration: integration?.Type,
      functionId: lambdaBehind(m),
    };
    methods.push(fact);
    const where = m.path;
    const policy = outside.get(refTarget(m.props.RestApiId) ?? '');
    if (fact.authorization === 'AWS_IAM' && policy?.public.length)
      findings.push(
        flag(
          'api',
          'api.flag.invokePublic',
          { route: fact.route, who: policy.public.map((w) => `\`${w}\``).join(', ') },
          where,
          m.logicalId,
        ),
      );
    else if (fact.authorization === 'AWS_IAM' && policy?.accounts.length)
      findings.push(
        flag(
          'api',
          'api.flag.invokeOtherAccount',
          { route: fact.route, who: policy.accounts.map((w) => `\`${w}\``).join(', ') },
          where,
          m.logicalId,
        ),
      );
    else if (fact.authorization === 'AWS_IAM') {
      findings.push({
        level: 'ok',
        section: 'api',
        key: 'api.auth.iam',
        params: { route: fact.route },
        where,
      });
    } else if (fact.authorization === 'NONE') {
      const preflight = fact.route.startsWith('OPTIONS ') && integration?.Type === 'MOCK';
      findings.push({
        level: preflight ? 'note' : 'flag',
        section: 'api',
        key: preflight ? 'api.auth.preflight' : 'api.auth.none',
        params: { route: fact.route },
        where,
      });
    } else {
      findings.push(flag('api', 'api.auth.other', { route: fact.route, type: fact.authorization }, where));
    }
    if (m.props.HttpMethod === 'POST' && !fact.validatesBody)
      findings.push({
        level: 'note',
        section: 'api',
        key: 'api.noValidation',
        params: { route: fact.route },
        where,
      });
  }
  const stages: StageFact[] = view.resources
    .filter((r) => r.type === 'AWS::ApiGateway::Stage')
    .map((s) => {
      const settings = (s.props.MethodSettings as Array<Record<string, unknown>> | undefined) ?? [];
      const all = settings.find((x) => x.ResourcePath === '/*' && x.HttpMethod === '*') ?? settings[0] ?? {};
      return {
        path: s.path,
        stageName: String(s.props.StageName ?? ''),
        rateLimit: all.ThrottlingRateLimit as number | undefined,
        burstLimit: all.ThrottlingBurstLimit as number | undefined,
        loggingLevel: all.LoggingLevel as string | undefined,
        dataTrace: all.DataTraceEnabled as boolean | undefined,
        accessLogs: s.props.AccessLogSetting !== undefined,
        cacheCluster: s.props.CacheClusterEnabled === true,
      };
    });
  for (const s of stages) {
    if (s.rateLimit === undefined || s.burstLimit === undefined)
      findings.push(flag('cost', 'cost.flag.noThrottle', { stage: s.stageName }, s.path));
    if (s.dataTrace === true)
      findings.push(flag('api', 'api.flag.dataTrace', { stage: s.stageName }, s.path));
  }
  return {
    apis: view.resources.filter((r) => r.type === 'AWS::ApiGateway::RestApi').map((r) => r.path),
    outsideInvokers: [...new Set([...outside.values()].flatMap((o) => [...o.public, ...o.accounts]))],
    methods,
    stages,
    findings,
  };
}
