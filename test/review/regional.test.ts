/**
 * Values CloudFormation resolves per Region, as the review reads them (review/regional.ts): the same
 * in every Region → the value as code; a Bedrock model that is in-Region here and a profile there →
 * words naming the model; anything else → per Region. A hand-written template, so each case is exact.
 */

import type { StackArtifact } from '../../review/assembly';
import { asCode, describeRegional, foldModels, regionsWhere, templateRegions } from '../../review/regional';
import { render, viewOf } from '../../review/template';

const region = { Ref: 'AWS::Region' };
const find = (key: string) => ({ 'Fn::FindInMap': ['AiLabRegions', region, key] });
const arn = (key: string, via: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':bedrock:',
      region,
      ':',
      { 'Fn::If': [via, { Ref: 'AWS::AccountId' }, ''] },
      ':',
      find(key),
    ],
  ],
});

const template = {
  Mappings: {
    AiLabRegions: {
      'us-east-1': {
        Via: 'model',
        Target: 'foundation-model/amazon.nova-micro-v1:0',
        Lite: 'foundation-model/amazon.nova-lite-v1:0',
        Dest: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0'],
        Bucket: 'same',
        Size: 'small',
      },
      'ap-northeast-2': {
        Via: 'profile',
        Target: 'inference-profile/apac.amazon.nova-micro-v1:0',
        Lite: 'inference-profile/apac.amazon.nova-lite-v1:0',
        Dest: [
          'arn:aws:bedrock:ap-northeast-1::foundation-model/amazon.nova-micro-v1:0',
          'arn:aws:bedrock:ap-northeast-2::foundation-model/amazon.nova-micro-v1:0',
        ],
        Bucket: 'same',
        Size: 'large',
      },
      'eu-west-1': {
        Via: 'profile',
        Target: 'inference-profile/eu.amazon.nova-micro-v1:0',
        Lite: 'inference-profile/eu.amazon.nova-lite-v1:0',
        Dest: ['arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0'],
        Bucket: 'same',
        Size: 'large',
      },
    },
  },
  Conditions: {
    ViaProfile: { 'Fn::Equals': [find('Via'), 'profile'] },
    Nowhere: { 'Fn::Equals': [find('Via'), 'never'] },
  },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'S/Handler/Function/Resource' } },
  },
};

const artifact = (lang: 'en' | 'ko' = 'en') =>
  viewOf(
    {
      id: 'S',
      stackName: 'S',
      templateFile: 'S.template.json',
      template,
      metadata: {},
      dependencies: [],
    } as unknown as StackArtifact,
    new Map(),
    lang,
  );

test('the Regions a template can go to are the keys of the mapping it looks up by AWS::Region', () => {
  expect(templateRegions(template as never)).toEqual(['us-east-1', 'ap-northeast-2', 'eu-west-1']);
});

test('a value every Region resolves alike is shown as that value, as code', () => {
  const view = artifact();
  expect(render(find('Bucket'), view)).toBe('same');
  expect(asCode(render(find('Bucket'), view))).toBe('`same`');
});

test('a model ARN that is in-Region here and an inference profile there reads as the Region’s model, in words', () => {
  const text = render(arn('Target', 'ViaProfile'), artifact());
  expect(text).toBe(
    'the Region’s `amazon.nova-micro-v1:0`: the foundation model in the Region, or the geography’s inference profile where the Region calls the model through one (each Region’s value under “Regions”)',
  );
  // Words, not code: the report does not wrap them in backticks.
  expect(asCode(text)).toBe(text);
  expect(render(arn('Target', 'ViaProfile'), artifact('ko'))).toMatch(/^리전의 `amazon\.nova-micro-v1:0`: /);
});

test('within the Regions a conditional statement exists, the same ARN is the Region’s inference profile', () => {
  const view = artifact();
  const among = regionsWhere({ template: template as never, lang: 'en', name: (id) => id }, 'ViaProfile');
  expect(among).toEqual(['ap-northeast-2', 'eu-west-1']);
  expect(render(arn('Target', 'ViaProfile'), view, among)).toBe(
    'the Region’s inference profile for `amazon.nova-micro-v1:0` (`apac.`, `eu.`; each Region’s value under “Regions”)',
  );
  expect(render(find('Dest'), view, among)).toBe(
    '`amazon.nova-micro-v1:0` in each Region the Region’s inference profile routes requests to (each Region’s value under “Regions”)',
  );
  expect(regionsWhere({ template: template as never, lang: 'en', name: (id) => id }, 'Nowhere')).toEqual([]);
});

test('any other value that differs by Region is listed per Region, never as template JSON', () => {
  const text = describeRegional(find('Size'), { template: template as never, lang: 'en', name: (id) => id });
  expect(text).toBe('per Region: `small` in `us-east-1`; `large` in `ap-northeast-2`, `eu-west-1`');
  expect(text).not.toMatch(/Fn::|\{"Ref"/);
});

test('models described alike in one statement fold into one phrase', () => {
  const view = artifact();
  const micro = render(arn('Target', 'ViaProfile'), view);
  const lite = render(arn('Lite', 'ViaProfile'), view);
  expect(foldModels([micro, 'x'])).toEqual([micro, 'x']);
  const [folded, ...rest] = foldModels([micro, 'x', lite]);
  expect(folded).toMatch(
    /^the Region’s `amazon\.nova-micro-v1:0`, `amazon\.nova-lite-v1:0`: the foundation model/,
  );
  expect(rest).toEqual(['x']);
  expect(asCode(folded!)).toBe(folded);
});

test('negative control: without the Region mapping, an intrinsic is still not printed as JSON', () => {
  const view = artifact();
  expect(render({ 'Fn::FindInMap': ['Other', 'k1', 'k2'] }, view)).toBe('‹Other[k1][k2]›');
  expect(render({ 'Fn::ImportValue': 'SharedBucket' }, view)).toBe('‹export SharedBucket›');
  // An intrinsic the review does not know stays visible as JSON (what the lab-wide test would catch).
  expect(render({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, view)).toContain('Fn::Cidr');
});
