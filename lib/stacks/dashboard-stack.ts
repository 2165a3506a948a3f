import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CostTags } from '../constructs/cost-tags';
import { type DashboardApi, LabDashboard } from '../constructs/lab-dashboard';
import { recordPriceKeys } from '../review-metadata';

export interface DashboardStackProps extends StackProps {
  readonly apis: readonly DashboardApi[];
  /** The lab instance (`-c prefix=…`) whose metrics it graphs. */
  readonly instance: string;
  /** The dashboard's name (lib/names.ts: per prefix and Region). @default 'ai-services-lab' */
  readonly dashboardName?: string;
}

/**
 * <prefix>-Dashboard (opt-in, `-c dashboard=true`): the lab's one CloudWatch dashboard. A stack of its
 * own so it is deployed, priced and destroyed on its own; it names the demos' APIs and metrics and
 * imports nothing from their stacks, so each demo still deploys and destroys alone.
 */
export class DashboardStack extends Stack {
  public readonly lab: LabDashboard;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, {
      description:
        'ai-services-lab: CloudWatch dashboard (latency, errors, throttles, units, cost, eval scores)',
      ...props,
    });
    CostTags.applyToStack(this, { service: 'Amazon CloudWatch', pricingUnit: 'dashboard months' });
    this.lab = new LabDashboard(this, 'Lab', {
      apis: props.apis,
      instance: props.instance,
      dashboardName: props.dashboardName,
    });
    recordPriceKeys(this, [
      'cloudwatchDashboardMonth',
      'cloudwatchCustomMetricMonth',
      'cloudwatchPutMetricDataRequest',
    ]);
  }
}
