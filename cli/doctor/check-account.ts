/** Who is calling, and whether the lab's Region table covers the Region the stacks would go to. */
import { isTableRegion, REGIONS_AS_OF, TABLE_REGIONS } from '../../lambda/shared/regions';
import { type CheckResult, type DoctorContext, say } from './types';

export function checkAccount(ctx: DoctorContext): CheckResult {
  return {
    id: 'account',
    status: 'pass',
    title: say('account.title'),
    message: say('account.ok', { account: ctx.account, arn: ctx.arn }),
    data: { account: ctx.account, arn: ctx.arn },
  };
}

/** A table Region of the same geography (`eu-north-1` → `eu-west-1`), else the first one. */
export function nearbyTableRegion(region: string): string {
  const geography = region.split('-')[0];
  return TABLE_REGIONS.find((r) => r.split('-')[0] === geography) ?? TABLE_REGIONS[0];
}

export function checkRegion(ctx: DoctorContext): CheckResult {
  const { region } = ctx;
  const base = { id: 'region', title: say('region.title') };
  if (isTableRegion(region))
    return {
      ...base,
      status: 'pass',
      message: say('region.ok', { region, asOf: REGIONS_AS_OF }),
      data: { inTable: true },
    };
  return {
    ...base,
    status: 'fail',
    message: say('region.notInTable', { region, regions: TABLE_REGIONS.join(', ') }),
    fix: say('region.fix', { region, suggest: nearbyTableRegion(region) }),
    data: { inTable: false, tableRegions: TABLE_REGIONS },
  };
}
