/**
 * The ONE sourced Region table of the lab (facts in ./region-facts.ts, each with its source URL, the
 * date read and verified/unverified) and a small typed API over it. Pure functions, no AWS calls:
 * handlers, stacks, the doctor and the review all read the same answers.
 *
 *   assertTableRegion(region)          → the Region, or a RegionNotInTableError naming the table Regions
 *   serviceOffered(region, service)    → is the AWS service offered there
 *   featureOffered(region, feature)    → is the feature (Polly generative, Comprehend toxicity …) offered there
 *   modelRoute(region, modelId)        → how to call a Bedrock model on demand there: in-Region, through the
 *                                        geography's system-defined profile (with its destinations), or not at all
 *   guardrailProfile(region)           → the guardrail profile (id, destinations) and safeguard tier there
 *   regionsOffering(need)              → the table Regions that offer a service, feature or model
 *   needLabel(need)                    → words for a need, for messages ("Polly's generative engine")
 *
 * A model id may be a foundation-model id (amazon.nova-micro-v1:0) or a profile id (apac.amazon.nova-micro-v1:0);
 * an explicit profile is honoured only where AWS lists the Region as one of its sources. A Region or a
 * model missing from the table is an error, never a guess.
 */
import {
  FEATURE_FACTS,
  type FeatureId,
  GUARDRAIL_PROFILE_FACTS,
  MODEL_FACTS,
  type ModelFact,
  type ProfileFact,
  SERVICE_FACTS,
  type ServiceId,
  TABLE_REGIONS,
  type TableRegion,
} from './region-facts';

export * from './region-facts';

export class RegionNotInTableError extends Error {
  constructor(readonly region: string) {
    super(
      `Region '${region}' is not in the lab's Region table (lambda/shared/region-facts.ts). ` +
        `The table has: ${TABLE_REGIONS.join(', ')}. Deploy to one of them, or add the Region's facts with their sources.`,
    );
    this.name = 'RegionNotInTableError';
  }
}

export class ModelNotInTableError extends Error {
  constructor(readonly modelId: string) {
    super(
      `Bedrock model '${modelId}' is not in the lab's Region table (lambda/shared/region-facts.ts). ` +
        `Known models: ${MODEL_FACTS.map((m) => m.id).join(', ')}. Add its Regions and profiles with their sources.`,
    );
    this.name = 'ModelNotInTableError';
  }
}

export function isTableRegion(region: string): region is TableRegion {
  return (TABLE_REGIONS as readonly string[]).includes(region);
}

export function assertTableRegion(region: string): TableRegion {
  if (!isTableRegion(region)) throw new RegionNotInTableError(region);
  return region;
}

export function serviceOffered(region: string, service: ServiceId): boolean {
  return SERVICE_FACTS[service].offeredIn.includes(assertTableRegion(region));
}

/** A feature is offered where both its service and the feature are. */
export function featureOffered(region: string, feature: FeatureId): boolean {
  const fact = FEATURE_FACTS[feature];
  return serviceOffered(region, fact.service) && fact.offeredIn.includes(assertTableRegion(region));
}

/** Geography prefixes of system-defined profiles. */
const PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\./;

export function modelFact(modelId: string): ModelFact {
  const base = modelId.replace(PROFILE_PREFIX, '');
  const fact = MODEL_FACTS.find((m) => m.id === base);
  if (!fact) throw new ModelNotInTableError(modelId);
  return fact;
}

export type ModelRoute =
  | {
      readonly kind: 'in-region';
      /** The id to call: the foundation model. */
      readonly invokeId: string;
      readonly foundationModelId: string;
      readonly destinations: readonly string[];
    }
  | {
      readonly kind: 'profile';
      /** The id to call: the system-defined inference profile. */
      readonly invokeId: string;
      readonly foundationModelId: string;
      /** Regions the profile may route to from this source Region. */
      readonly destinations: readonly string[];
    }
  | {
      readonly kind: 'none';
      readonly foundationModelId: string;
      /** Table Regions where the model can be called on demand. */
      readonly offeredIn: readonly TableRegion[];
    };

function profileFrom(profiles: readonly ProfileFact[], region: TableRegion): ProfileFact | undefined {
  return profiles.find((p) => p.routes[region] !== undefined);
}

/**
 * How `modelId` is called on demand in `region`: the in-Region model where AWS offers it, otherwise
 * the system-defined profile whose sources include the Region (`apac.` from Seoul), otherwise none.
 * An explicit profile id is used only from its listed source Regions.
 */
export function modelRoute(region: string, modelId: string): ModelRoute {
  const r = assertTableRegion(region);
  const fact = modelFact(modelId);
  const explicit = PROFILE_PREFIX.test(modelId) ? fact.profiles.find((p) => p.id === modelId) : undefined;
  if (PROFILE_PREFIX.test(modelId) && !explicit) throw new ModelNotInTableError(modelId);
  const none = {
    kind: 'none',
    foundationModelId: fact.id,
    offeredIn: regionsOffering({ model: modelId }),
  } as const;
  if (!serviceOffered(r, 'bedrock')) return none;
  if (explicit) {
    const destinations = explicit.routes[r];
    return destinations
      ? { kind: 'profile', invokeId: explicit.id, foundationModelId: fact.id, destinations }
      : none;
  }
  if (fact.inRegion.offeredIn.includes(r))
    return { kind: 'in-region', invokeId: fact.id, foundationModelId: fact.id, destinations: [r] };
  const profile = profileFrom(fact.profiles, r);
  if (profile)
    return {
      kind: 'profile',
      invokeId: profile.id,
      foundationModelId: fact.id,
      destinations: profile.routes[r] ?? [],
    };
  return none;
}

export interface GuardrailRoute {
  /** STANDARD where the tier is offered and a guardrail profile exists for the Region, else CLASSIC. */
  readonly tier: 'STANDARD' | 'CLASSIC';
  /** The system-defined guardrail profile (STANDARD only). */
  readonly profileId?: string;
  readonly destinations: readonly string[];
}

export function guardrailProfile(region: string): GuardrailRoute {
  const r = assertTableRegion(region);
  const profile = profileFrom(GUARDRAIL_PROFILE_FACTS, r);
  if (!profile || !featureOffered(r, 'bedrock-guardrails-standard'))
    return { tier: 'CLASSIC', destinations: [] };
  return { tier: 'STANDARD', profileId: profile.id, destinations: profile.routes[r] ?? [] };
}

/** What a route or call needs from its Region. */
export type Need =
  | { readonly service: ServiceId }
  | { readonly feature: FeatureId }
  | { readonly model: string };

/** A stable key for a need, e.g. `service:textract`, `feature:polly-generative`, `model:amazon.titan-tg1-large`. */
export function needKey(need: Need): string {
  if ('service' in need) return `service:${need.service}`;
  if ('feature' in need) return `feature:${need.feature}`;
  return `model:${need.model}`;
}

const SERVICE_NAMES: Readonly<Record<ServiceId, string>> = {
  comprehend: 'Amazon Comprehend',
  translate: 'Amazon Translate',
  textract: 'Amazon Textract',
  rekognition: 'Amazon Rekognition',
  polly: 'Amazon Polly',
  transcribe: 'Amazon Transcribe',
  bedrock: 'Amazon Bedrock',
};

export function needLabel(need: Need): string {
  if ('service' in need) return SERVICE_NAMES[need.service];
  if ('feature' in need) return FEATURE_FACTS[need.feature].label;
  return `the Bedrock model ${need.model}`;
}

/** The table Regions that offer the need (for a model: on demand, in-Region or through a profile). */
export function regionsOffering(need: Need): TableRegion[] {
  if ('service' in need) return TABLE_REGIONS.filter((r) => serviceOffered(r, need.service));
  if ('feature' in need) return TABLE_REGIONS.filter((r) => featureOffered(r, need.feature));
  const fact = modelFact(need.model);
  const explicit = PROFILE_PREFIX.test(need.model)
    ? fact.profiles.find((p) => p.id === need.model)
    : undefined;
  return TABLE_REGIONS.filter((r) => {
    if (!serviceOffered(r, 'bedrock')) return false;
    if (explicit) return explicit.routes[r] !== undefined;
    return fact.inRegion.offeredIn.includes(r) || profileFrom(fact.profiles, r) !== undefined;
  });
}

/** Is the need met in the Region. */
export function offered(region: string, need: Need): boolean {
  if ('service' in need) return serviceOffered(region, need.service);
  if ('feature' in need) return featureOffered(region, need.feature);
  return modelRoute(region, need.model).kind !== 'none';
}
