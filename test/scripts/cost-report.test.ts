import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { costReport, formatReport, platformUsd, typicalCall } from '../../scripts/cost-report';
import { buildTestLab } from '../support/lab';

const lab = buildTestLab();
const templates = Object.fromEntries(
  lab.app.node.children
    .filter((c): c is Stack => c instanceof Stack)
    .map((s) => [s.stackName, Template.fromStack(s).toJSON()]),
);

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
