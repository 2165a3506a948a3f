/**
 * AiLab-Dashboard (-c dashboard=true): one CloudWatch dashboard, no reference into the demo stacks,
 * every demo's API and routes graphed from the metrics the lab emits, the eval's scores beside them,
 * its monthly price recorded for the review; cdk-nag clean, and shown to report a finding on a
 * non-compliant resource added to the same stack (so "clean" is not "not checked").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { USAGE_METRICS } from '../../lambda/shared/usage';
import { EVAL_METRICS, EVAL_NAMESPACE } from '../../lib/eval-metrics';
import { PRICES_METADATA, VALIDATION_PLUGINS_METADATA } from '../../lib/review-metadata';
import { SERVICES } from '../../lib/services';
import { buildTestLab } from '../support/lab';
import { labAssembly } from '../support/lab-assembly';
import { findingsIn, nagFindings } from '../support/nag';

const lab = labAssembly({ dashboard: 'true' });
const stackName = lab.named.dashboard!;
const template = lab.template(stackName);
/** A demo stack's REST API name (`api.restApiName`), from its template. */
const apiNameOf = (t: Template): string =>
  Object.values(t.findResources('AWS::ApiGateway::RestApi'))[0]!.Properties.Name;
const body = (): string => {
  const d = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!;
  const b = d.Properties.DashboardBody;
  // The body is a Fn::Join of strings and the stack's Region: read it as the text it becomes.
  return typeof b === 'string'
    ? b
    : (b['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : '<Region>')).join('');
};

/** Every metric line of every graph, with CloudWatch's "." (same as the line above) spelled out. */
function metricLines(): string[] {
  const widgets = JSON.parse(body()).widgets as Array<{ properties: { metrics?: unknown[][] } }>;
  return widgets.flatMap((w) => {
    let previous: unknown[] = [];
    return (w.properties.metrics ?? []).map((line) => {
      const full = line.map((v, i) => (v === '.' ? previous[i] : v));
      previous = full;
      return JSON.stringify(full.filter((v) => typeof v === 'string'));
    });
  });
}

test('off by default: no dashboard stack, no dashboard', () => {
  const plain = labAssembly();
  expect(plain.named.dashboard).toBeUndefined();
  expect(plain.stackNames).not.toContain('AiLab-Dashboard');
});

test('matches the snapshot', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('one dashboard and nothing else, imported from no other stack', () => {
  expect(Object.keys(template.toJSON().Resources).sort()).toEqual(
    expect.arrayContaining([expect.stringMatching(/^LabDashboard/)]),
  );
  template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  expect(lab.dependencies(stackName)).toEqual([]);
});

test('every demo API: latency p50/p95 and 4xx/5xx from API Gateway, by its name', () => {
  const text = body();
  const lines = metricLines();
  expect(Object.keys(lab.demos)).toHaveLength(SERVICES.length);
  for (const demo of Object.values(lab.demos)) {
    const name = apiNameOf(lab.template(demo!));
    expect(name).toEqual(expect.any(String));
    for (const m of ['Latency', '4XXError', '5XXError', 'Count'])
      expect(lines).toContain(JSON.stringify(['AWS/ApiGateway', m, 'ApiName', name]));
  }
  expect(text).toContain('"stat":"p95"');
});

test("every catalogue route: latency, billable units and cost from the instance's own metrics", () => {
  const text = body();
  const lines = metricLines();
  for (const svc of SERVICES) {
    for (const r of svc.routes) {
      for (const metric of Object.values(USAGE_METRICS))
        expect(lines).toContain(
          JSON.stringify(['AiServicesLab', metric, 'instance', 'AiLab', 'route', r.path, 'service', svc.id]),
        );
    }
  }
  expect(text).toMatch(/SUM\(\[FILL\(c0, 0\)/);
});

test('throttles, Bedrock tokens and the eval scores are found by search', () => {
  const text = body();
  // The stack name as a partial match: a function is named `<stack>-<id>-<suffix>`, so an exact
  // ("quoted") term, which must equal the whole name, would find none.
  expect(text).toContain('MetricName=\\"Throttles\\" (AiLab-Comprehend OR');
  expect(text).toContain('MetricName=\\"InvocationThrottles\\"');
  expect(text).toContain('MetricName=\\"InputTokenCount\\"');
  for (const m of Object.values(EVAL_METRICS))
    expect(text).toContain(
      `{${EVAL_NAMESPACE},Dataset,Instance,Model} MetricName=\\"${m.name}\\" Instance=\\"AiLab\\"`,
    );
});

test('its monthly price is in the assembly for the review and the cost report', () => {
  const meta = lab.metadata(stackName)[`/${stackName}`]!.find((m) => m.type === PRICES_METADATA)!.data as {
    prices: Array<{ key: string; usd: number }>;
  };
  expect(meta.prices.map((p) => p.key)).toEqual([
    'cloudwatchDashboardMonth',
    'cloudwatchCustomMetricMonth',
    'cloudwatchPutMetricDataRequest',
  ]);
  expect(meta.prices[0]!.usd).toBe(3);
  expect(body()).toContain('This dashboard costs $3.00 a month');
});

describe('cdk-nag', () => {
  const nagReport = (add?: (lab: ReturnType<typeof buildTestLab>) => void) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-dash-nag-'));
    // The smallest lab with a dashboard: one demo's stack beside it.
    const nagged = buildTestLab({ dashboard: 'true' }, { outdir, nag: true, demos: ['translate'] });
    add?.(nagged);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      return nagFindings(nagged.app, outdir).map((f) => `${f.rule} ${f.path}`);
    } finally {
      spy.mockRestore();
    }
  };

  test('the dashboard stack has no finding', () => {
    // The shared assembly with cdk-nag on: a finding would have failed its synthesis (the
    // negative control below synthesizes its own), and its report would name it.
    const nagged = labAssembly({ dashboard: 'true' }, { nag: true });
    const packs = nagged
      .metadata(stackName)
      [`/${stackName}`]!.find((m) => m.type === VALIDATION_PLUGINS_METADATA);
    expect(packs?.data).toEqual(expect.arrayContaining([expect.stringMatching(/AwsSolutions/)]));
    const findings = findingsIn(path.join(nagged.dir, 'validation-report.json'));
    expect(findings.filter((f) => f.path.includes('AiLab-Dashboard'))).toEqual([]);
  });

  test('negative control: a non-compliant topic in the same stack is reported', () => {
    const findings = nagReport((l) => new sns.Topic(l.dashboard!, 'Plain'));
    expect(findings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AwsSolutions-SNS3 AiLab-Dashboard\/Plain/)]),
    );
  });
});
