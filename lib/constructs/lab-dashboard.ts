import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { PRICES } from '../../lambda/shared/pricing';
import { INSTANCE_DIMENSION, METRICS_NAMESPACE, USAGE_METRICS } from '../../lambda/shared/usage';
import { EVAL_INSTANCE_DIMENSION, EVAL_METRICS, EVAL_NAMESPACE } from '../eval-metrics';

/** One demo's API as the dashboard sees it: names only, so no stack depends on another. */
export interface DashboardApi {
  /** Catalogue id, the Powertools `service` dimension (e.g. `comprehend`). */
  readonly service: string;
  /** The CloudFormation stack (its functions' names start with it). */
  readonly stackName: string;
  /** The REST API's name: the `ApiName` dimension of API Gateway's metrics. */
  readonly apiName: string;
  /** Catalogue route paths: the `route` dimension of the lab's own metrics. */
  readonly routes: readonly string[];
}

export interface LabDashboardProps {
  readonly apis: readonly DashboardApi[];
  /**
   * The lab instance (`-c prefix=…`) whose metrics it graphs: the `instance` dimension of the
   * functions' metrics and the `Instance` dimension of the eval's scores. Another instance in the
   * same account and Region has its own dashboard and never shows here.
   */
  readonly instance: string;
  /** @default 'ai-services-lab' */
  readonly dashboardName?: string;
  /** Period of every graph. @default 5 minutes */
  readonly period?: Duration;
}

/**
 * The lab's CloudWatch dashboard: per demo, API Gateway latency p50/p95 and 4xx/5xx (AWS/ApiGateway,
 * free), per-route function latency p50/p95, billable units and estimated cost (the lab's own metrics,
 * AiServicesLab: BillableUnits, LatencyMs, EstimatedCostUsd by service and route); throttles (Lambda
 * and Bedrock); Bedrock tokens per model; and the eval's published scores (AiServicesLab/Eval), so
 * quality over time sits beside latency and cost. Searches (SEARCH) find functions, models and
 * data sets by name, so the dashboard needs no reference into another stack.
 *
 * One instance only: the lab's metrics and the eval's scores by the instance dimension, API Gateway
 * by the instance's API names, Lambda throttles by its stack names. Bedrock's own metrics (tokens,
 * model throttles) have no dimension that names a caller: those two graphs are the account's, and
 * say so.
 *
 * A dashboard is billed monthly beyond the free tier (3 dashboards of up to 50 metrics): this one
 * graphs more than 50 metrics, so count $3.00 a month (lambda/shared/price-table.ts).
 */
export class LabDashboard extends Construct {
  public readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: LabDashboardProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
    const seconds = period.toSeconds();
    this.dashboard = new cw.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? 'ai-services-lab',
      defaultInterval: Duration.days(7),
    });
    const search = (expression: string, label: string) =>
      new cw.MathExpression({ expression, label, period, usingMetrics: {} });
    const lab = (metricName: string, service: string, route: string, statistic: string, label: string) =>
      new cw.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service, [INSTANCE_DIMENSION]: props.instance, route },
        statistic,
        period,
        label,
      });
    const gw = (metricName: string, api: DashboardApi, statistic: string, label: string) =>
      new cw.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: api.apiName },
        statistic,
        period,
        label,
      });

    this.dashboard.addWidgets(
      new cw.TextWidget({
        width: 24,
        height: 3,
        markdown: [
          `# ai-services-lab: instance ${props.instance}`,
          `Per demo: API latency and errors (API Gateway), per-route latency, billable units and estimated cost (the lab's own \`AiServicesLab\` metrics of instance \`${props.instance}\`). Below: throttles, Bedrock tokens, and the scores \`npm run eval -- --publish\` sends (\`AiServicesLab/Eval\`) for this instance.`,
          `This dashboard costs $${PRICES.cloudwatchDashboardMonth.usd.toFixed(2)} a month beyond the free tier (3 dashboards of up to 50 metrics); it is opt-in (\`-c dashboard=true\`) and removed with its stack.`,
        ].join('\n\n'),
      }),
    );
    for (const api of props.apis) {
      const costs = api.routes.map((r, i) => ({
        id: `c${i}`,
        metric: lab(USAGE_METRICS.estimatedCost, api.service, r, 'Sum', r),
      }));
      this.dashboard.addWidgets(
        new cw.GraphWidget({
          title: `${api.service}: API latency (ms)`,
          width: 6,
          left: [gw('Latency', api, 'p50', 'p50'), gw('Latency', api, 'p95', 'p95')],
        }),
        new cw.GraphWidget({
          title: `${api.service}: requests, 4xx (incl. throttled 429), 5xx`,
          width: 6,
          left: [
            gw('Count', api, 'Sum', 'requests'),
            gw('4XXError', api, 'Sum', '4xx'),
            gw('5XXError', api, 'Sum', '5xx'),
          ],
        }),
        new cw.GraphWidget({
          title: `${api.service}: function latency per route, p50 / p95 (ms)`,
          width: 6,
          left: api.routes.flatMap((r) => [
            lab(USAGE_METRICS.latency, api.service, r, 'p50', `${r} p50`),
            lab(USAGE_METRICS.latency, api.service, r, 'p95', `${r} p95`),
          ]),
        }),
        new cw.GraphWidget({
          title: `${api.service}: billable units per route, and estimated cost (USD)`,
          width: 6,
          left: api.routes.map((r) => lab(USAGE_METRICS.billableUnits, api.service, r, 'Sum', r)),
          right: [
            new cw.MathExpression({
              expression: `SUM([${costs.map((c) => `FILL(${c.id}, 0)`).join(', ')}])`,
              usingMetrics: Object.fromEntries(costs.map((c) => [c.id, c.metric])),
              label: 'estimated cost (USD)',
              period,
            }),
          ],
        }),
      );
    }
    const stacks = props.apis.map((a) => a.stackName);
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: "Throttles: this instance's functions, and Bedrock per model (account-wide)",
        width: 12,
        left: [
          // A function's name is `<stack>-<id>-<suffix>`: the stack name is a partial match (a
          // quoted term would have to equal the whole name, and find nothing).
          search(
            `SEARCH('{AWS/Lambda,FunctionName} MetricName="Throttles" (${stacks.join(' OR ')})', 'Sum', ${seconds})`,
            'Lambda',
          ),
          search(
            `SEARCH('{AWS/Bedrock,ModelId} MetricName="InvocationThrottles"', 'Sum', ${seconds})`,
            'Bedrock',
          ),
        ],
      }),
      new cw.GraphWidget({
        title: 'Bedrock tokens per model, input and output (account-wide: every caller)',
        width: 12,
        left: [
          search(`SEARCH('{AWS/Bedrock,ModelId} MetricName="InputTokenCount"', 'Sum', ${seconds})`, 'input'),
          search(
            `SEARCH('{AWS/Bedrock,ModelId} MetricName="OutputTokenCount"', 'Sum', ${seconds})`,
            'output',
          ),
        ],
      }),
    );
    const evalSearch = (metric: { name: string }) =>
      search(
        `SEARCH('{${EVAL_NAMESPACE},Dataset,${EVAL_INSTANCE_DIMENSION},Model} MetricName="${metric.name}" ${EVAL_INSTANCE_DIMENSION}="${props.instance}"', 'Average', 86400)`,
        metric.name,
      );
    this.dashboard.addWidgets(
      new cw.TextWidget({
        width: 24,
        height: 2,
        markdown:
          '## Quality over time (npm run eval -- --publish)\nCorrect answers, and efficiency as the lab can measure it (business metric 효율성): cost and time per correct answer. User satisfaction, revenue per user, cross-domain performance and conversion need a real product.',
      }),
      new cw.GraphWidget({
        title: '% correct, and consistency %, per data set and model',
        width: 6,
        left: [evalSearch(EVAL_METRICS.accuracy)],
        right: [evalSearch(EVAL_METRICS.consistency)],
        leftYAxis: { min: 0, max: 100 },
      }),
      new cw.GraphWidget({
        title: 'Cost per correct answer (USD)',
        width: 6,
        left: [evalSearch(EVAL_METRICS.costPerCorrect)],
      }),
      new cw.GraphWidget({
        title: 'Time per correct answer (s)',
        width: 6,
        left: [evalSearch(EVAL_METRICS.secondsPerCorrect)],
      }),
      new cw.GraphWidget({
        title: 'Eval latency p95 (ms)',
        width: 6,
        left: [evalSearch(EVAL_METRICS.latencyP95)],
      }),
    );
  }
}
