/**
 * The notes' other providers (AI21 Jamba, Cohere Command R) in the comparison list: allowed only when
 * configured, priced, and the function may invoke exactly the configured ids — no provider wildcard.
 */
import { RegionView, statementsIn } from '../../review/region-eval';
import { buildTestLab } from '../support/lab';
import { labAssembly } from '../support/lab-assembly';

test('the default comparison list stays Amazon Nova', () => {
  const lab = labAssembly();
  expect(lab.config.bedrockCompareModelIds).toEqual([
    'amazon.nova-micro-v1:0',
    'amazon.nova-lite-v1:0',
    'amazon.nova-pro-v1:0',
  ]);
});

test('configured Jamba and Command R ids are invoked by exactly their foundation-model ARNs', () => {
  const ids = ['amazon.nova-micro-v1:0', 'ai21.jamba-1-5-mini-v1:0', 'cohere.command-r-v1:0'];
  const lab = labAssembly({ bedrockCompareModelIds: ids.join(',') }, { demos: ['bedrock'] });
  expect(lab.config.bedrockCompareModelIds).toEqual(ids);
  const template = lab.demo('bedrock');
  const policies = template.findResources('AWS::IAM::Policy');
  const invokeId = Object.keys(policies).find(
    (id) => id.includes('BedrockInvoke') && !id.includes('Stream'),
  )!;
  // As deployed in us-east-1, where all three are offered in-Region (lambda/shared/region-facts.ts).
  const statements = statementsIn(
    new RegionView(template.toJSON() as never, 'us-east-1'),
    invokeId,
  ) as Array<{
    Action: unknown;
    Resource: unknown;
  }>;
  const text = JSON.stringify(statements.filter((s) => s.Action === 'bedrock:InvokeModel'));
  for (const id of ids) expect(text).toContain(`::foundation-model/${id}`);
  expect(text).not.toMatch(/foundation-model\/(ai21|cohere|amazon)\.\*|foundation-model\/\*/);
  // The policy is the demo function's: the one told which models to compare.
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
    (f) => f.Properties.Environment?.Variables?.COMPARE_MODEL_IDS !== undefined,
  );
  expect(fn).toBeDefined();
  expect(policies[invokeId]!.Properties.Roles).toEqual([{ Ref: fn!.Properties.Role['Fn::GetAtt'][0] }]);
});

test('negative control: a model with no price in the table fails synth naming the key', () => {
  expect(() =>
    buildTestLab({ bedrockCompareModelIds: 'amazon.nova-micro-v1:0,amazon.titan-text-express-v1' }),
  ).toThrow(/-c bedrockCompareModelIds.*'amazon\.titan-text-express-v1' has no price/);
});
