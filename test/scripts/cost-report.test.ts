import {
  type CfnTemplate,
  costReport,
  formatReport,
  platformUsd,
  typicalCall,
} from '../../scripts/cost-report';
import { readLabTemplates } from '../../scripts/lab-templates';
import { labAssembly } from '../support/lab-assembly';

const lab = labAssembly();
const templates = Object.fromEntries(lab.stackNames.map((name) => [name, lab.json(name)]));

test('no stack of the lab has a resource with an idle charge, and every type is classified', () => {
  for (const s of costReport(templates, 10)) {
    expect([s.stackName, s.idle]).toEqual([s.stackName, []]);
    expect([s.stackName, s.unknown]).toEqual([s.stackName, []]);
  }
});

test('an idle-cost resource is reported (negative control)', () => {
  const report = costReport(
    { Bad: { Resources: { Gw: { Type: 'AWS::EC2::NatGateway' }, X: { Type: 'AWS::Foo::Bar' } } } },
    1,
  );
  expect(report[0]!.idle).toEqual(['Gw (AWS::EC2::NatGateway): hourly']);
  expect(report[0]!.unknown).toEqual(['AWS::Foo::Bar']);
});

test('N calls cost N times one typical call, which includes API Gateway and Lambda', () => {
  const comprehend = costReport(templates, 1000).find((s) => s.stackName === 'AiLab-Comprehend')!;
  // 3 Comprehend units at $0.0001, plus $0.0000035 API Gateway, $0.0000002 request, 0.25 GB × 0.3 s × $0.0000133334
  expect(comprehend.call!.serviceUsd).toBeCloseTo(0.0003, 10);
  expect(comprehend.call!.totalUsd).toBeCloseTo(0.0003 + platformUsd(256, 0.3), 10);
  expect(comprehend.callsUsd).toBeCloseTo(comprehend.call!.totalUsd * 1000, 8);
});

test('every demo has a typical call with a positive service price', () => {
  for (const id of [
    'comprehend',
    'translate',
    'textract',
    'rekognition',
    'polly',
    'transcribe',
    'bedrock',
  ] as const) {
    expect(typicalCall(id).serviceUsd).toBeGreaterThan(0);
  }
});

test('the printed report names prices, their status and the idle verdict', () => {
  const text = formatReport(costReport(templates, 100), 100);
  expect(text).toMatch(/prices as of 2026-11-28/);
  expect(text).toMatch(/AiLab-Translate — Amazon Translate, billed by characters/);
  expect(text).toMatch(/idle charge: none/);
  expect(text).toMatch(/\[unverified\]|\[verified\]/);
  expect(text).toMatch(/100 calls: \$/);
});

describe('one instance of the lab, with the account role created', () => {
  const outdir = labAssembly({ prefix: 'Kim', apiGatewayCloudWatchRole: 'create' }).dir;

  test("the assembly's stacks are found by prefix, through its manifest", () => {
    const kim = readLabTemplates<CfnTemplate>(outdir, 'Kim');
    expect(Object.keys(kim.templates).sort()).toEqual(
      [
        'Bedrock',
        'Comprehend',
        'Pipeline',
        'Polly',
        'Rekognition',
        'Shared',
        'Textract',
        'Transcribe',
        'Translate',
      ].map((s) => `Kim-${s}`),
    );
    expect(readLabTemplates(outdir, 'AiLab')).toEqual({ templates: {}, prefixes: ['Kim'] });
    expect(Object.keys(readLabTemplates(outdir).templates)).toHaveLength(9);
  });

  test("the report knows Kim's demos, and says what destroy keeps and why", () => {
    const { templates } = readLabTemplates<CfnTemplate>(outdir, 'Kim');
    const report = costReport(templates, 10);
    expect(report.find((s) => s.stackName === 'Kim-Comprehend')?.call?.serviceUsd).toBeGreaterThan(0);
    const shared = report.find((s) => s.stackName === 'Kim-Shared')!;
    expect(shared.kept).toEqual([
      expect.stringMatching(/^ApiGatewayCloudWatchRole\w+ \(AWS::IAM::Role, no idle charge\)$/),
      'ApiGatewayAccount (AWS::ApiGateway::Account, no idle charge)',
    ]);
    expect(shared.setsAccountLogRole).toBe(true);
    const text = formatReport(report, 10);
    expect(text).toMatch(
      /Kim-Shared — .*\n(.*\n)* {2}kept after cdk destroy: ApiGatewayCloudWatchRole\w+ \(AWS::IAM::Role, no idle charge\)/,
    );
    expect(text).toMatch(
      /the account's API Gateway CloudWatch setting keeps pointing at this role after destroy/,
    );
    expect(text).toMatch(/Kept after cdk destroy: 2\.$/);
  });

  test('the default lab keeps nothing (the control)', () => {
    expect(formatReport(costReport(templates, 1), 1)).toMatch(/Kept after cdk destroy: none\.$/);
    expect(costReport(templates, 1).flatMap((s) => s.kept)).toEqual([]);
  });
});
