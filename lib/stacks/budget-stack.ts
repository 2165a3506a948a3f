import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import type { Construct } from 'constructs';
import { CostTags } from '../constructs/cost-tags';
import { budgetName } from '../names';
import { PROJECT_TAG_VALUE } from '../services';

export interface BudgetStackProps extends StackProps {
  /** The instance prefix (lib/names.ts): the budget is named `<stem>-monthly-<Region>`. */
  readonly prefix: string;
  /** Who gets the alerts. */
  readonly email: string;
  /** Monthly budget in USD. */
  readonly monthlyUsd: number;
  /** Alert when actual spend passes these percentages of the budget. */
  readonly thresholds: readonly number[];
}

/**
 * <prefix>-Budget (optional, only with `-c budgetEmail=...`): a monthly cost budget filtered on the
 * `Project` cost allocation tag, e-mailing on actual spend thresholds and on a forecast over
 * 100%. The tag must be activated as a cost allocation tag in Billing first (README). Budget
 * names are unique per account, not per Region, so the name carries the prefix and the Region:
 * the same learner can deploy a budget in a second Region, and a classmate one of their own.
 * The filter is the Project tag, so each budget counts every copy of the lab in the account.
 */
export class BudgetStack extends Stack {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, { description: 'ai-services-lab: monthly budget on the Project tag', ...props });
    CostTags.applyToStack(this, { service: 'AWS Budgets', pricingUnit: 'budget days' });
    const subscribers = [{ subscriptionType: 'EMAIL', address: props.email }];
    const actual = props.thresholds.map((threshold) => ({
      notification: {
        notificationType: 'ACTUAL',
        comparisonOperator: 'GREATER_THAN',
        threshold,
        thresholdType: 'PERCENTAGE',
      },
      subscribers,
    }));
    const forecast = {
      notification: {
        notificationType: 'FORECASTED',
        comparisonOperator: 'GREATER_THAN',
        threshold: 100,
        thresholdType: 'PERCENTAGE',
      },
      subscribers,
    };
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: budgetName(props.prefix, Aws.REGION),
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
        // Cost allocation tags appear in Budgets as user:<key>$<value>.
        costFilters: { TagKeyValue: [`user:Project$${PROJECT_TAG_VALUE}`] },
      },
      notificationsWithSubscribers: [...actual, forecast],
    });
  }
}
