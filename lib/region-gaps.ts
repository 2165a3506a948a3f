/**
 * Each Region's gaps for one demo, from the catalogue (what each route needs) and the Region table:
 * the routes that would answer 501 there, and the request-level needs (a Polly engine, a comparison
 * model) a handler checks itself. The stack hands the deployment Region's set to the function through
 * Mappings (lambda/shared/availability.ts reads it); the review and the docs show the same sets.
 */
import type { RegionGaps } from '../lambda/shared/availability';
import {
  type Need,
  needKey,
  needLabel,
  offered,
  regionsOffering,
  TABLE_REGIONS,
  type TableRegion,
} from '../lambda/shared/regions';
import type { DemoService } from './services';

export interface GapInputs {
  readonly service: DemoService;
  /** Needs a route has on top of the catalogue's (the configured Bedrock model), by route path. */
  readonly routeNeeds?: Readonly<Record<string, readonly Need[]>>;
  /** Needs a request may have (a comparison model), checked by the handler. */
  readonly requestNeeds?: readonly Need[];
  /** Gaps the needs cannot express, per Region. */
  readonly extraGaps?: (region: TableRegion) => RegionGaps;
}

/** The needs of each route of the demo: its service, the catalogue's, and the stack's extra ones. */
export function routeNeeds(inputs: GapInputs): Array<{ key: string; needs: Need[] }> {
  // The pipeline is no one service of the table: its needs are its steps' (request needs).
  const id = inputs.service.id;
  const own: Need[] = id === 'pipeline' ? [] : [{ service: id }];
  return inputs.service.routes.map((r) => ({
    key: `${r.method} ${r.path}`,
    needs: [...own, ...(r.needs ?? []), ...(inputs.routeNeeds?.[r.path] ?? [])],
  }));
}

export function gapsFor(region: TableRegion, inputs: GapInputs): RegionGaps {
  const gaps: Record<string, { what: string; offeredIn: string[] }> = {};
  for (const { key, needs } of routeNeeds(inputs)) {
    const missing = needs.find((n) => !offered(region, n));
    if (missing) gaps[key] = { what: needLabel(missing), offeredIn: regionsOffering(missing) };
  }
  const requestNeeds: Need[] = [
    ...(inputs.service.requestFeatures ?? []).map((feature) => ({ feature })),
    ...(inputs.requestNeeds ?? []),
  ];
  for (const need of requestNeeds) {
    if (!offered(region, need))
      gaps[needKey(need)] = { what: needLabel(need), offeredIn: regionsOffering(need) };
  }
  return { ...gaps, ...inputs.extraGaps?.(region) };
}

/** Every table Region's gaps for the demo (for the Mappings, the review metadata and the docs). */
export function gapsByRegion(inputs: GapInputs): Record<TableRegion, RegionGaps> {
  return Object.fromEntries(TABLE_REGIONS.map((r) => [r, gapsFor(r, inputs)])) as Record<
    TableRegion,
    RegionGaps
  >;
}
