/**
 * The Region matrix: the app synthesized once (cdk-nag on), then, for every Region of the table, the
 * values its Mappings give (model or profile id, guardrail tier and profile, each route's availability)
 * and the IAM they imply, read the way CloudFormation would in that Region (review/region-eval.ts),
 * must be what lambda/shared/regions.ts says. Negative controls: a Region the table lacks fails (the
 * template's Rule, the mapping, the API), and a tampered mapping is caught by the same checks.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotations, App, CfnResource, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  guardrailProfile,
  modelRoute,
  type Need,
  offered,
  regionsOffering,
  TABLE_REGIONS,
  type TableRegion,
} from '../../lambda/shared/regions';
import { VALIDATION_PLUGINS_METADATA } from '../../lib/review-metadata';
import { SERVICES } from '../../lib/services';
import { RegionView, statementsIn, TEST_ACCOUNT } from '../../review/region-eval';
import { labAssembly } from '../support/lab-assembly';

const lab = labAssembly({}, { nag: true });
const templates = Object.fromEntries(SERVICES.map((s) => [s.id, lab.demo(s.id)] as const)) as Record<
  (typeof SERVICES)[number]['id'],
  Template
>;
const MAIN = lab.config.bedrockModelId;
const COMPARE = lab.config.bedrockCompareModelIds;

type Json = Record<string, unknown>;
const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;

function functionEnv(view: RegionView, template: Template, prefix: string): Record<string, string> {
  const id = Object.keys(template.findResources('AWS::Lambda::Function')).find((k) => k.startsWith(prefix))!;
  return ((view.properties(id) as Json).Environment as { Variables: Record<string, string> }).Variables;
}

function policyId(template: Template, prefix: string): string {
  return Object.keys(template.findResources('AWS::IAM::Policy')).find((k) => k.startsWith(prefix))!;
}

/** What a route needs, from the catalogue and the Bedrock settings: the expectation, built from the table. */
function needsOf(service: (typeof SERVICES)[number], path: string): Need[] {
  const route = service.routes.find((r) => r.path === path)!;
  // The pipeline's needs are its steps' (request needs, below), not one service's.
  const needs: Need[] = [
    ...(service.id === 'pipeline' ? [] : [{ service: service.id }]),
    ...(route.needs ?? []),
  ];
  if (service.id === 'bedrock' && path !== '/bedrock/compare') needs.push({ model: MAIN });
  return needs;
}

/** The Bedrock statements the table implies for `modelId` in `region` (before the minimizer merges). */
function expectedModelIam(region: TableRegion, modelId: string, action: string) {
  const route = modelRoute(region, modelId);
  if (route.kind !== 'profile') return { direct: fm(region, route.foundationModelId), via: undefined };
  const profileArn = `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:inference-profile/${route.invokeId}`;
  return {
    direct: profileArn,
    via: {
      Action: action,
      Resource: route.destinations.map((d) => fm(d, route.foundationModelId)),
      Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
    },
  };
}

/** Key order and one-element lists do not matter to IAM. */
const canonical = (s: { Action: unknown; Resource: unknown; Condition: unknown }) => ({
  Action: s.Action,
  Resource: [s.Resource].flat(),
  Condition: s.Condition,
});

/** Check one Region of the Bedrock template against the table; returns the mismatches. */
function bedrockMismatches(template: Template, region: TableRegion): string[] {
  const problems: string[] = [];
  const view = new RegionView(template.toJSON() as never, region);
  const env = functionEnv(view, template, 'HandlerFunction');
  const main = modelRoute(region, MAIN);
  const mainId = main.kind === 'none' ? main.foundationModelId : main.invokeId;
  if (env.MODEL_ID !== mainId) problems.push(`${region} MODEL_ID ${env.MODEL_ID} ≠ ${mainId}`);
  const compare = COMPARE.map((m) => modelRoute(region, m)).flatMap((r) =>
    r.kind === 'none' ? [] : [r.invokeId],
  );
  if (compare.length >= 2 && env.COMPARE_MODEL_IDS !== compare.join(','))
    problems.push(`${region} COMPARE_MODEL_IDS ${env.COMPARE_MODEL_IDS} ≠ ${compare.join(',')}`);
  const g = guardrailProfile(region);
  if (env.GUARDRAIL_TIER !== g.tier)
    problems.push(`${region} GUARDRAIL_TIER ${env.GUARDRAIL_TIER} ≠ ${g.tier}`);

  const statements = statementsIn(view, policyId(template, 'HandlerBedrockInvoke'));
  const resources = (s: Json) => [s.Resource].flat() as string[];
  const direct = statements
    .filter((s) => s.Action === 'bedrock:InvokeModel' && !s.Condition)
    .flatMap(resources);
  const wantDirect = [...new Set([MAIN, ...COMPARE])].map((m) =>
    expectedModelIam(region, m, 'bedrock:InvokeModel'),
  );
  if (JSON.stringify(direct.sort()) !== JSON.stringify(wantDirect.map((w) => w.direct).sort()))
    problems.push(`${region} direct InvokeModel ${direct} ≠ ${wantDirect.map((w) => w.direct)}`);
  const via = statements
    .filter((s) => s.Condition)
    .map((s) => canonical({ Action: s.Action, Resource: s.Resource, Condition: s.Condition }));
  const wantVia = wantDirect.flatMap((w) => (w.via ? [canonical(w.via)] : []));
  if (JSON.stringify(via) !== JSON.stringify(wantVia))
    problems.push(
      `${region} via-profile statements differ: ${JSON.stringify(via)} ≠ ${JSON.stringify(wantVia)}`,
    );

  const guardrailProfiles = statements
    .filter((s) => s.Action === 'bedrock:ApplyGuardrail')
    .flatMap(resources)
    .filter((r) => r.includes(':guardrail-profile/'));
  const wantProfiles = g.destinations.map(
    (d) => `arn:aws:bedrock:${d}:${TEST_ACCOUNT}:guardrail-profile/${g.profileId}`,
  );
  if (JSON.stringify(guardrailProfiles) !== JSON.stringify(wantProfiles))
    problems.push(`${region} guardrail-profile ARNs ${guardrailProfiles} ≠ ${wantProfiles}`);
  const guardrailId = Object.keys(template.findResources('AWS::Bedrock::Guardrail'))[0]!;
  const cross = (view.properties(guardrailId) as Json).CrossRegionConfig as Json | undefined;
  const wantCross = g.profileId
    ? { GuardrailProfileArn: `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:guardrail-profile/${g.profileId}` }
    : undefined;
  if (JSON.stringify(cross) !== JSON.stringify(wantCross))
    problems.push(`${region} CrossRegionConfig differs`);
  return problems;
}

describe.each(TABLE_REGIONS)('in %s', (region) => {
  test.each(SERVICES.map((s) => s.id))(
    '%s: each route is offered or a 501 naming where it is, as the table says',
    (id) => {
      const service = SERVICES.find((s) => s.id === id)!;
      const view = new RegionView(templates[id].toJSON() as never, region);
      const gaps = JSON.parse(functionEnv(view, templates[id], 'HandlerFunction').AI_LAB_REGION_GAPS!);
      for (const r of service.routes) {
        const key = `${r.method} ${r.path}`;
        const missing = needsOf(service, r.path).find((n) => !offered(region, n));
        if (missing)
          expect(gaps[key]).toEqual({ what: expect.any(String), offeredIn: regionsOffering(missing) });
        else expect(gaps[key]).toBeUndefined();
      }
    },
  );

  test('Bedrock: model ids, guardrail tier and profile, and the IAM they imply are the table’s', () => {
    expect(bedrockMismatches(templates.bedrock, region)).toEqual([]);
  });
});

describe('the matrix holds what the issue asks of Seoul', () => {
  test('Seoul: apac. profiles for Nova, the apac. guardrail profile on the Standard tier, every demo offered', () => {
    const view = new RegionView(templates.bedrock.toJSON() as never, 'ap-northeast-2');
    expect(functionEnv(view, templates.bedrock, 'HandlerFunction')).toMatchObject({
      MODEL_ID: 'apac.amazon.nova-micro-v1:0',
      GUARDRAIL_TIER: 'STANDARD',
    });
    for (const s of SERVICES) {
      const v = new RegionView(templates[s.id].toJSON() as never, 'ap-northeast-2');
      const gaps = JSON.parse(functionEnv(v, templates[s.id], 'HandlerFunction').AI_LAB_REGION_GAPS!);
      expect(Object.keys(gaps).filter((k) => !k.startsWith('feature:') && !k.startsWith('model:'))).toEqual(
        [],
      );
    }
  });

  test('Tokyo: a pipeline run with the extract step answers 501 naming the Regions with Textract', () => {
    const view = new RegionView(templates.pipeline.toJSON() as never, 'ap-northeast-1');
    const gaps = JSON.parse(functionEnv(view, templates.pipeline, 'HandlerFunction').AI_LAB_REGION_GAPS!);
    expect(Object.keys(gaps)).toEqual(['service:textract']);
    expect(gaps['service:textract'].offeredIn).toEqual(regionsOffering({ service: 'textract' }));
    // Negative control: Seoul has every step's service.
    const seoul = new RegionView(templates.pipeline.toJSON() as never, 'ap-northeast-2');
    expect(JSON.parse(functionEnv(seoul, templates.pipeline, 'HandlerFunction').AI_LAB_REGION_GAPS!)).toEqual(
      {},
    );
  });

  test('Tokyo: every Textract route answers 501 naming the Regions with Textract', () => {
    const view = new RegionView(templates.textract.toJSON() as never, 'ap-northeast-1');
    const gaps = JSON.parse(functionEnv(view, templates.textract, 'HandlerFunction').AI_LAB_REGION_GAPS!);
    expect(Object.keys(gaps)).toHaveLength(5);
    expect(gaps['POST /textract/text'].offeredIn).toContain('ap-northeast-2');
  });
});

describe('negative controls', () => {
  test('a Region missing from the table: the template’s Rule fails, and its mapping has no entry', () => {
    for (const template of Object.values(templates)) {
      const json = template.toJSON() as { Rules: Record<string, { Assertions: Array<{ Assert: unknown }> }> };
      const rule = json.Rules.AiLabRegionInTable!.Assertions[0]!.Assert;
      expect(new RegionView(json as never, 'ap-northeast-2').eval(rule)).toBe(true);
      expect(new RegionView(json as never, 'sa-east-1').eval(rule)).toBe(false);
      const view = new RegionView(json as never, 'sa-east-1');
      expect(() => functionEnv(view, template, 'HandlerFunction')).toThrow(
        /Fn::FindInMap: no AiLabRegions\.sa-east-1/,
      );
    }
  });

  test('a tampered mapping (Seoul calling Nova in-Region) is caught by the same checks', () => {
    const json = structuredClone(templates.bedrock.toJSON()) as {
      Mappings: { AiLabRegions: Record<string, Record<string, unknown>> };
    };
    const seoul = json.Mappings.AiLabRegions['ap-northeast-2']!;
    seoul.ModelAmazonNovaMicroV10Id = 'amazon.nova-micro-v1:0';
    seoul.ModelAmazonNovaMicroV10Via = 'in-region';
    seoul.ModelAmazonNovaMicroV10Target = 'foundation-model/amazon.nova-micro-v1:0';
    const tampered = {
      toJSON: () => json,
      findResources: templates.bedrock.findResources.bind(templates.bedrock),
    };
    const problems = bedrockMismatches(tampered as unknown as Template, 'ap-northeast-2');
    expect(problems.join('\n')).toMatch(/MODEL_ID amazon\.nova-micro-v1:0 ≠ apac\.amazon\.nova-micro-v1:0/);
    expect(problems.join('\n')).toMatch(/direct InvokeModel/);
  });
});

test('cdk-nag: no unacknowledged finding on any stack of the once-synthesized app', () => {
  // cdk-nag's packs run as validation plugins: a finding fails the synthesis of this shared
  // assembly (ValidationFailed), and an error annotation would be among the stacks' messages (the
  // manifest's `aws:cdk:error` metadata, what the artifact's `messages` read). Annotations.fromStack
  // would synthesize the whole app again for every stack (it forces a new synth).
  for (const stackName of Object.values(lab.demos)) {
    const packs = lab
      .metadata(stackName!)
      [`/${stackName}`]?.find((m) => m.type === VALIDATION_PLUGINS_METADATA);
    expect([stackName, packs?.data]).toEqual([
      stackName,
      expect.arrayContaining(['AwsSolutions', 'Serverless']),
    ]);
    const errors = Object.entries(lab.metadata(stackName!)).flatMap(([at, entries]) =>
      entries.filter((m) => m.type === 'aws:cdk:error').map((m) => `${at}: ${String(m.data).slice(0, 120)}`),
    );
    expect(errors).toEqual([]);
  }
});

test('negative control: an error annotation is in the metadata the cdk-nag test reads', () => {
  // lab.metadata() is the stack's metadata as CDK's own reader (CloudAssembly) gives it; an error
  // there is what a finding that did not fail synthesis would leave.
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-annotation-')) });
  const stack = new Stack(app, 'Annotated');
  new CfnResource(stack, 'Thing', { type: 'AWS::SNS::Topic' });
  Annotations.of(stack).addError('a finding');
  app.synth();
  const artifact = new CloudAssembly(app.outdir).getStackByName('Annotated');
  expect(artifact.metadata['/Annotated']).toContainEqual(
    expect.objectContaining({ type: 'aws:cdk:error', data: 'a finding' }),
  );
});
