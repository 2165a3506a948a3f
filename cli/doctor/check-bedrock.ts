/**
 * Bedrock: each configured model callable on demand here, and the guardrail's tier.
 *
 * The Region table (lambda/shared/regions.ts) says how the stacks will call each model in this Region:
 * in-Region, or through the geography's system-defined inference profile. The doctor then asks Bedrock,
 * read-only, whether that holds for this account:
 * - GetFoundationModel (in-Region): the model exists here, is ACTIVE or LEGACY, and supports ON_DEMAND;
 * - GetInferenceProfile (profile): the profile exists, is ACTIVE, and routes where the lab's IAM allows;
 * - GetFoundationModelAvailability: agreement, authorization, entitlement and Region availability as
 *   Bedrock reports them for the account (an AWS Marketplace subscription, the use-case form, IAM).
 * No model is invoked. The guardrail profile has no read API (the IAM reference lists no Get or List
 * action for `guardrail-profile`), so its line is the table's answer, and says so.
 */
import {
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
} from '@aws-sdk/client-bedrock';
import { DOCUMENT_MODELS } from '../../lambda/bedrock/document-models';
import { BEDROCK_TOKEN_PRICES } from '../../lambda/shared/pricing';
import {
  guardrailProfile,
  MODEL_FACTS,
  type ModelRoute,
  modelRoute,
  offered,
  regionsOffering,
  TABLE_REGIONS,
} from '../../lambda/shared/regions';
import { awsError, isAccessDenied } from './clients';
import { deployLine } from './lab';
import { type CheckResult, type DoctorContext, type Said, type Status, say } from './types';

const worst = (statuses: Status[]): Status =>
  statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';

/** A priced model of the table that this Region can call, other than the ones excluded. */
function alternative(region: string, exclude: readonly string[]): string | undefined {
  return MODEL_FACTS.map((m) => m.id).find(
    (id) => !exclude.includes(id) && BEDROCK_TOKEN_PRICES[id] !== undefined && offered(region, { model: id }),
  );
}

/** The Regions a Bedrock profile model ARN names: `arn:aws:bedrock:eu-west-1::foundation-model/…`. */
const regionOfArn = (arn: string) => arn.split(':')[3] ?? '';

interface Finding {
  readonly status: Status;
  readonly said: Said;
  readonly fix?: Said;
}

/** What Bedrock says about the account and this model, as findings (empty when all is well). */
async function availability(ctx: DoctorContext, model: string, route: ModelRoute): Promise<Finding[]> {
  const found: Finding[] = [];
  const console = say('model.fix.console', { region: ctx.region });
  const out = await ctx.clients.bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId: model }));
  const agreement = out.agreementAvailability?.status;
  if (agreement === 'PENDING') found.push({ status: 'warn', said: say('model.agreement.pending') });
  else if (agreement === 'NOT_AVAILABLE' || agreement === 'ERROR') {
    found.push({ status: 'fail', said: say('model.agreement.missing', { status: agreement }), fix: console });
    const error = out.agreementAvailability?.errorMessage;
    if (error) found.push({ status: 'fail', said: say('model.agreement.said', { error }) });
  }
  if (out.authorizationStatus === 'NOT_AUTHORIZED')
    found.push({ status: 'fail', said: say('model.notAuthorized'), fix: say('model.fix.authorize') });
  if (out.entitlementAvailability === 'NOT_AVAILABLE')
    found.push({ status: 'fail', said: say('model.notEntitled'), fix: console });
  // A profile-only model is not offered in the source Region by design: only in-Region calls need it.
  if (route.kind === 'in-region' && out.regionAvailability === 'NOT_AVAILABLE')
    found.push({ status: 'fail', said: say('model.regionUnavailable', { region: ctx.region }) });
  return found;
}

/** The route's own facts from Bedrock: the model here on demand, or the profile and where it routes. */
async function routeFacts(
  ctx: DoctorContext,
  route: Exclude<ModelRoute, { kind: 'none' }>,
): Promise<{ findings: Finding[]; data: Record<string, unknown> }> {
  const { region } = ctx;
  if (route.kind === 'in-region') {
    const out = await ctx.clients.bedrock.send(
      new GetFoundationModelCommand({ modelIdentifier: route.invokeId }),
    );
    const lifecycle = out.modelDetails?.modelLifecycle?.status ?? 'unknown';
    const types = out.modelDetails?.inferenceTypesSupported ?? [];
    const findings: Finding[] = [];
    if (!types.includes('ON_DEMAND'))
      findings.push({
        status: 'fail',
        said: say('model.notOnDemand', { region, types: types.join(', ') || '—' }),
      });
    if (lifecycle === 'LEGACY') findings.push({ status: 'warn', said: say('model.legacy') });
    return { findings, data: { lifecycle, inferenceTypes: types } };
  }
  const out = await ctx.clients.bedrock.send(
    new GetInferenceProfileCommand({ inferenceProfileIdentifier: route.invokeId }),
  );
  const actual = [...new Set((out.models ?? []).map((m) => regionOfArn(m.modelArn ?? '')))].sort();
  const findings: Finding[] = [];
  if (out.status !== 'ACTIVE')
    findings.push({ status: 'fail', said: say('model.profileInactive', { status: String(out.status) }) });
  const outside = actual.filter((r) => !route.destinations.includes(r));
  if (outside.length > 0)
    findings.push({
      status: 'warn',
      said: say('model.profileRoutes', { actual: actual.join(', '), table: route.destinations.join(', ') }),
      fix: say('model.fix.profileRoutes'),
    });
  return { findings, data: { profileStatus: out.status, routesTo: actual } };
}

async function checkModel(
  ctx: DoctorContext,
  model: string,
  role: 'main' | 'compare' | 'document',
  compare: readonly string[],
): Promise<CheckResult> {
  const { region } = ctx;
  const base = { id: `model:${model}`, title: say('model.title', { model }) };
  let route: ModelRoute;
  try {
    route = modelRoute(region, model);
  } catch (err) {
    const alt = alternative(region, []);
    return {
      ...base,
      status: 'fail',
      message: say('model.notInTable', { model }),
      fix: alt
        ? say('model.fix.use', { command: deployLine(ctx.prefix, ctx.given, { bedrockModelId: alt }) })
        : undefined,
      data: { error: (err as Error).message },
    };
  }
  if (route.kind === 'none') {
    const offeredHere = compare.filter((m) => offered(region, { model: m }));
    const where = route.offeredIn.join(', ') || '—';
    if (role === 'compare' && offeredHere.length >= 2)
      return {
        ...base,
        status: 'warn',
        message: say('model.none.compareOk', { region, regions: where }),
        data: { route: 'none', offeredIn: route.offeredIn },
      };
    const alt =
      role === 'main'
        ? alternative(region, [model])
        : role === 'document'
          ? DOCUMENT_MODELS.find((m) => m !== model && offered(region, { model: m }))
          : twoHere(region, compare)?.join(',');
    const key = {
      main: 'bedrockModelId',
      compare: 'bedrockCompareModelIds',
      document: 'bedrockDocumentModelId',
    };
    const settingFix: Record<string, string> | undefined =
      alt === undefined ? undefined : { [key[role]]: alt };
    return {
      ...base,
      status: 'fail',
      message: say(role === 'compare' ? 'model.none.compare' : 'model.none', { region, regions: where }),
      fix: settingFix
        ? say('model.fix.switch', { command: deployLine(ctx.prefix, ctx.given, settingFix), regions: where })
        : say('model.fix.region', { regions: where }),
      data: { route: 'none', offeredIn: route.offeredIn },
    };
  }
  const how =
    route.kind === 'in-region'
      ? say('model.inRegion', { region })
      : say('model.profile', { profile: route.invokeId, destinations: route.destinations.join(', ') });
  const data = { route: route.kind, invokeId: route.invokeId, destinations: route.destinations };
  let facts: Awaited<ReturnType<typeof routeFacts>>;
  try {
    facts = await routeFacts(ctx, route);
  } catch (err) {
    const e = awsError(err);
    if (isAccessDenied(err))
      return {
        ...base,
        status: 'warn',
        message: how,
        notes: [say('model.denied', { error: e.name })],
        data: { ...data, error: e },
      };
    // Bedrock does not know the model or profile here: the table and the service disagree.
    return {
      ...base,
      status: 'fail',
      message: say('model.unknownHere', { id: route.invokeId, region, error: `${e.name}: ${e.message}` }),
      fix: say('model.fix.region', { regions: regionsOffering({ model }).join(', ') }),
      data: { ...data, error: e },
    };
  }
  const findings = [...facts.findings, ...(await accountAccess(ctx, route))];
  const status = worst(findings.map((f) => f.status));
  return {
    ...base,
    status,
    message: how,
    notes: findings.map((f) => f.said),
    fix: findings.find((f) => f.status === status && f.fix)?.fix,
    data: { ...data, ...facts.data },
  };
}

/**
 * The account's access to the model, where Bedrock reports it. A model called only through a
 * profile may have no availability record in the source Region (unverified either way): then the
 * line says so instead of failing what the profile check already passed.
 */
async function accountAccess(
  ctx: DoctorContext,
  route: Exclude<ModelRoute, { kind: 'none' }>,
): Promise<Finding[]> {
  try {
    return await availability(ctx, route.foundationModelId, route);
  } catch (err) {
    const e = awsError(err);
    if (isAccessDenied(err)) return [{ status: 'warn', said: say('model.denied', { error: e.name }) }];
    if (route.kind === 'profile' && /ResourceNotFound|Validation/.test(e.name))
      return [{ status: 'pass', said: say('model.availability.none', { region: ctx.region }) }];
    return [{ status: 'warn', said: say('model.availability.error', { error: e.name }) }];
  }
}

/** Two of the comparison list (or of the table's priced models) this Region can call. */
function twoHere(region: string, compare: readonly string[]): string[] | undefined {
  const here = compare.filter((m) => offered(region, { model: m }));
  for (const m of MODEL_FACTS.map((f) => f.id)) {
    if (here.length >= 2) break;
    if (!here.includes(m) && BEDROCK_TOKEN_PRICES[m] !== undefined && offered(region, { model: m }))
      here.push(m);
  }
  return here.length >= 2 ? here.slice(0, 3) : undefined;
}

/**
 * One line per distinct model the Bedrock stack calls: the main model, the comparison list, then the
 * model POST /bedrock/read-document calls when it is not one of those.
 */
export async function checkModels(ctx: DoctorContext): Promise<CheckResult[]> {
  const { bedrockModelId, bedrockCompareModelIds, bedrockDocumentModelId } = ctx.config;
  const models = [bedrockModelId, ...bedrockCompareModelIds.filter((m) => m !== bedrockModelId)];
  const document = models.includes(bedrockDocumentModelId) ? [] : [bedrockDocumentModelId];
  return Promise.all([
    ...models.map((m) =>
      checkModel(ctx, m, m === bedrockModelId ? 'main' : 'compare', bedrockCompareModelIds),
    ),
    ...document.map((m) => checkModel(ctx, m, 'document', bedrockCompareModelIds)),
  ]);
}

export function checkGuardrail(ctx: DoctorContext): CheckResult {
  const base = { id: 'guardrail', title: say('guardrail.title') };
  if (!ctx.config.bedrockGuardrail)
    return {
      ...base,
      status: 'warn',
      message: say('guardrail.off'),
      fix: say('guardrail.fix.on', {
        command: deployLine(ctx.prefix, ctx.given, { bedrockGuardrail: 'true' }),
      }),
    };
  const g = guardrailProfile(ctx.region);
  if (g.tier === 'STANDARD')
    return {
      ...base,
      status: 'pass',
      message: say('guardrail.standard', { profile: g.profileId!, destinations: g.destinations.join(', ') }),
      notes: [say('guardrail.fromTable')],
      data: { tier: g.tier, profileId: g.profileId, destinations: g.destinations, source: 'region-table' },
    };
  const where = TABLE_REGIONS.filter((r) => guardrailProfile(r).tier === 'STANDARD');
  return {
    ...base,
    status: 'fail',
    message: say('guardrail.classic', { region: ctx.region }),
    fix: say('model.fix.region', { regions: where.join(', ') }),
    data: { tier: g.tier, source: 'region-table' },
  };
}
