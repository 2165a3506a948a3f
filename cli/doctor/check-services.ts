/**
 * Every demo's service (and the features its routes need) offered in this Region, from the Region
 * table: the same answers the stacks put into their Mappings, so a demo the doctor calls unusable
 * here is one whose routes would answer 501.
 */
import { stepNeeds } from '../../lambda/pipeline/needs';
import { STEPS } from '../../lambda/pipeline/schemas';
import {
  type FeatureId,
  type Need,
  needKey,
  offered,
  regionsOffering,
  serviceOffered,
} from '../../lambda/shared/regions';
import { routeNeeds } from '../../lib/region-gaps';
import { type DemoService, SERVICES } from '../../lib/services';
import { demoStackName } from './lab';
import type { MessageKey } from './messages';
import { type CheckResult, type DoctorContext, type Said, say } from './types';

const featureKey = (f: FeatureId): MessageKey => `feature.${f}`;

/** A need in words: the service's name, or the feature's entry in the message table. */
function needWords(need: Need): Said | string {
  if ('service' in need) return SERVICES.find((s) => s.id === need.service)?.awsService ?? need.service;
  if ('feature' in need) return say(featureKey(need.feature));
  return need.model;
}

/**
 * What a demo's requests may need on top of its routes': the features its requests choose (Polly's
 * engines), and for the pipeline every step's service, feature and the model (lambda/pipeline/needs.ts).
 */
function requestNeeds(ctx: DoctorContext, svc: DemoService): Need[] {
  const features: Need[] = (svc.requestFeatures ?? []).map((feature) => ({ feature }));
  return svc.id === 'pipeline' ? [...features, ...stepNeeds(STEPS, ctx.config.bedrockModelId)] : features;
}

function checkService(ctx: DoctorContext, svc: DemoService): CheckResult {
  const { region, prefix } = ctx;
  const stack = demoStackName(prefix, svc);
  const base = { id: `service:${svc.id}`, title: say('service.title', { service: svc.awsService, stack }) };
  // The pipeline is no one service of the table (AWS Step Functions is not in it): only its steps are.
  if (svc.id !== 'pipeline' && !serviceOffered(region, svc.id)) {
    const where = regionsOffering({ service: svc.id });
    return {
      ...base,
      status: 'fail',
      message: say('service.missing', { service: svc.awsService, region, regions: where.join(', ') }),
      fix: say('service.fix', { stack, other: where[0] ?? 'us-east-1' }),
      data: { offered: false, offeredIn: where },
    };
  }
  // The service is here; what a route or a request needs may not be (Polly's generative engine).
  const notes: Said[] = [];
  const gaps: Record<string, string[]> = {};
  for (const { key, needs } of routeNeeds({ service: svc })) {
    const missing = needs.find((n) => !offered(region, n));
    if (!missing) continue;
    const where = regionsOffering(missing);
    gaps[key] = where;
    notes.push(say('service.routeGap', { route: key, need: needWords(missing), regions: where.join(', ') }));
  }
  for (const need of requestNeeds(ctx, svc)) {
    if (offered(region, need)) continue;
    const where = regionsOffering(need);
    gaps[needKey(need)] = where;
    notes.push(say('service.requestGap', { need: needWords(need), regions: where.join(', ') }));
  }
  const ok = svc.id === 'pipeline' ? say('service.pipeline', { region }) : say('service.ok', { region });
  if (notes.length === 0) return { ...base, status: 'pass', message: ok, data: { offered: true } };
  return {
    ...base,
    status: 'warn',
    message: say('service.partial', { region }),
    notes,
    data: { offered: true, gaps },
  };
}

export function checkServices(ctx: DoctorContext): CheckResult[] {
  return SERVICES.map((s) => checkService(ctx, s));
}
