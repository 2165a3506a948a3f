/**
 * Two learners in one account (`-c prefix=Kim`, `-c prefix=Lee`), each with the dashboard: each
 * dashboard reads only its own instance's numbers — the lab's metrics by the `instance` dimension
 * its functions are given, the eval's scores by `Instance`, API Gateway by its own API names,
 * Lambda throttles by its own stack names — and each instance's functions are told that name.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { scoreData } from '../../eval/publish';
import { publishUsage } from '../../lambda/shared/http';
import { createMetrics } from '../../lambda/shared/logger';
import { DASHBOARD_METRICS_ENV, INSTANCE_ENV } from '../../lambda/shared/usage';
import { type DashboardApi, LabDashboard } from '../../lib/constructs/lab-dashboard';
import { EVAL_DIMENSIONS, EVAL_INSTANCE_DIMENSION, EVAL_NAMESPACE } from '../../lib/eval-metrics';
import { type LabAssembly, labAssembly } from '../support/lab-assembly';

/** The dashboard body as the text it becomes (the Region left as a placeholder). */
function bodyOf(template: Template): string {
  const d = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!;
  const b = d.Properties.DashboardBody;
  return typeof b === 'string'
    ? b
    : (b['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : '<Region>')).join('');
}

interface Reads {
  /** `instance` values of the lab's metrics. */
  readonly instances: Set<string>;
  /** `Instance="…"` filters of the eval score searches. */
  readonly evalInstances: Set<string>;
  readonly apiNames: Set<string>;
  /** Stack names the Lambda throttle search looks for. */
  readonly throttleStacks: Set<string>;
}

/** Whose numbers a dashboard reads. */
function readsOf(body: string): Reads {
  const widgets = JSON.parse(body).widgets as Array<{ properties: { metrics?: unknown[][] } }>;
  const reads: Reads = {
    instances: new Set(),
    evalInstances: new Set(),
    apiNames: new Set(),
    throttleStacks: new Set(),
  };
  for (const w of widgets) {
    let previous: unknown[] = [];
    for (const line of w.properties.metrics ?? []) {
      const full = line.map((v, i) => (v === '.' ? previous[i] : v));
      previous = full;
      const [ns] = full;
      const dim = (name: string) => full[full.indexOf(name) + 1] as string;
      if (ns === 'AiServicesLab') reads.instances.add(dim('instance'));
      if (ns === 'AWS/ApiGateway') reads.apiNames.add(dim('ApiName'));
      const expr = (full.find((v) => typeof v === 'object') as { expression?: string } | undefined)
        ?.expression;
      if (!expr) continue;
      for (const m of expr.matchAll(/Instance="([^"]*)"/g)) reads.evalInstances.add(m[1]!);
      const lambda = /\{AWS\/Lambda,FunctionName\} MetricName="Throttles" \(([^)]*)\)/.exec(expr);
      if (lambda) for (const s of lambda[1]!.split(' OR ')) reads.throttleStacks.add(s);
    }
  }
  return reads;
}

const labOf = (prefix: string) => labAssembly({ prefix, dashboard: 'true' });
const kim = labOf('Kim');
const lee = labOf('Lee');
const dashboardOf = (lab: LabAssembly): Template => lab.template(lab.named.dashboard!);

/** A demo stack's REST API name (`api.restApiName`), from its template. */
const apiNameOf = (lab: LabAssembly, stackName: string): string =>
  Object.values(lab.template(stackName).findResources('AWS::ApiGateway::RestApi'))[0]!.Properties.Name;

function ownNames(lab: LabAssembly) {
  const demos = Object.values(lab.demos).map((name) => name!);
  return {
    apiNames: new Set(demos.map((name) => apiNameOf(lab, name))),
    stacks: new Set(demos),
  };
}

/** What a dashboard of `prefix` reads that is not that instance's own. */
function foreign(reads: Reads, prefix: string, own: ReturnType<typeof ownNames>): string[] {
  return [
    ...[...reads.instances].filter((i) => i !== prefix).map((i) => `instance ${i}`),
    ...[...reads.evalInstances].filter((i) => i !== prefix).map((i) => `eval Instance ${i}`),
    ...[...reads.apiNames].filter((n) => !own.apiNames.has(n)).map((n) => `API ${n}`),
    ...[...reads.throttleStacks].filter((n) => !own.stacks.has(n)).map((n) => `stack ${n}`),
  ];
}

test.each([
  ['Kim', kim],
  ['Lee', lee],
])('instance %s: its dashboard reads its own metrics, scores, APIs and functions only', (prefix, lab) => {
  const reads = readsOf(bodyOf(dashboardOf(lab)));
  const own = ownNames(lab);
  expect(foreign(reads, prefix, own)).toEqual([]);
  // …and all of its own.
  expect([...reads.instances]).toEqual([prefix]);
  expect([...reads.evalInstances]).toEqual([prefix]);
  expect(reads.apiNames).toEqual(own.apiNames);
  expect(reads.throttleStacks).toEqual(own.stacks);
  // Nothing of the other instance, by any of its names.
  const other = ownNames(lab === kim ? lee : kim);
  for (const name of [...other.apiNames, ...other.stacks])
    expect(bodyOf(dashboardOf(lab))).not.toContain(name);
});

test('each instance’s functions are given its name, and the cost and latency metrics only with the dashboard', () => {
  for (const [prefix, lab, dashboard] of [
    ['Kim', kim, 'true'],
    ['Lee', labAssembly({ prefix: 'Lee' }), 'false'],
  ] as const) {
    for (const stack of Object.values(lab.demos)) {
      // The functions behind the API publish the usage metrics (lambda/shared/http.ts); the pipeline's
      // workflow steps emit none.
      const fns = lab.template(stack!).findResources('AWS::Lambda::Function');
      const lab_ = Object.entries(fns)
        .filter(([id]) => /^(Stream)?HandlerFunction/.test(id))
        .map(([, f]) => f);
      expect(lab_.length).toBeGreaterThan(0);
      for (const f of lab_)
        expect(f.Properties.Environment.Variables).toMatchObject({
          [INSTANCE_ENV]: prefix,
          [DASHBOARD_METRICS_ENV]: dashboard,
        });
    }
  }
});

test('negative control: a dashboard given another instance’s name is caught reading foreign metrics', () => {
  const stack = new Stack(new App(), 'Mixed');
  const apis: DashboardApi[] = Object.entries(kim.demos).map(([service, stackName]) => ({
    service,
    stackName: stackName!,
    apiName: apiNameOf(kim, stackName!),
    routes: ['/x'],
  }));
  new LabDashboard(stack, 'Lab', { apis, instance: 'Lee' });
  const reads = readsOf(bodyOf(Template.fromStack(stack)));
  expect(foreign(reads, 'Kim', ownNames(kim))).toEqual(['instance Lee', 'eval Instance Lee']);
  // And Lee's own dashboard, checked as if it were Kim's, reads nothing but foreign names.
  const leeReads = readsOf(bodyOf(dashboardOf(lee)));
  expect(foreign(leeReads, 'Kim', ownNames(kim)).length).toBeGreaterThan(2);
});

test('what an instance emits is what its dashboard reads: the function’s own environment, and the eval’s dimensions', () => {
  const fn = Object.values(kim.demo('translate').findResources('AWS::Lambda::Function')).find(
    (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'translate',
  )!;
  const env = fn.Properties.Environment.Variables as Record<string, string>;
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    publishUsage(createMetrics('translate', env), '/translate', { unit: 'characters', quantity: 1 }, 5);
  } finally {
    write.mockRestore();
  }
  const emf = JSON.parse(lines.join('').trim().split('\n')[0]!);
  const dims = emf._aws.CloudWatchMetrics[0].Dimensions[0] as string[];
  const emitted = JSON.stringify([
    'AiServicesLab',
    'BillableUnits',
    ...dims.sort().flatMap((d) => [d, emf[d]]),
  ]);
  const body = bodyOf(dashboardOf(kim));
  const graphed = (JSON.parse(body).widgets as Array<{ properties: { metrics?: unknown[][] } }>)
    .flatMap((w) => w.properties.metrics ?? [])
    .map((l) => JSON.stringify(l.filter((v) => typeof v === 'string')));
  expect(graphed).toContain(emitted);
  // The eval's scores carry the dimensions its search schema names, with the instance it filters on.
  const [datum] = scoreData(
    [{ dataset: { name: 't' }, samples: 1, models: [{ model: 'm', accuracy: 1 }] } as never],
    new Date(0),
    'Kim',
  );
  const names = datum!.Dimensions!.map((d) => d.Name!);
  expect(names).toEqual([...EVAL_DIMENSIONS]);
  expect(body).toContain(`{${EVAL_NAMESPACE},${names.join(',')}}`);
  expect(datum!.Dimensions).toContainEqual({ Name: EVAL_INSTANCE_DIMENSION, Value: 'Kim' });
});
