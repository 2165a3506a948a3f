/**
 * Two copies of the lab in one account and Region (two learners in a classroom account): with
 * different prefixes they share no physical name — no stack, API, guardrail, budget, log group,
 * export or run-time job name — so neither deploy updates, nor destroy deletes, the other's.
 * A negative control reintroduces one fixed name and must be caught.
 */
import { Aspects, CfnResource, type IAspect, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildTestLab } from '../support/lab';
import { labAssembly } from '../support/lab-assembly';
import { PARENT_SCOPED, type PhysicalName, physicalNames, sharedNames } from '../support/physical-names';

/** Everything that can be on: budget, dashboard, guardrail, API Gateway stage logs (named log groups). */
const CONTEXT = {
  budgetEmail: 'learner@example.com',
  dashboard: 'true',
  apiGatewayCloudWatchRole: 'existing',
};

/** Every stack of the synthesized lab of this prefix (the shared assembly), with its template. */
const stacksOf = (prefix: string) => {
  const lab = labAssembly({ ...CONTEXT, prefix });
  return lab.stackNames.map((stackName) => ({ stackName, template: lab.json(stackName) }));
};

const defaultNames = physicalNames(stacksOf('AiLab'));
const kimStacks = stacksOf('Kim');
const kimNames = physicalNames(kimStacks);

test('two prefixes share no physical name', () => {
  expect(sharedNames(defaultNames, kimNames)).toEqual([]);
});

test('the collector sees every kind of name the lab gives (it is not vacuous)', () => {
  const names = kimNames.map((n) => n.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'Kim-Comprehend',
      'Kim-Bedrock',
      'Kim-Budget',
      'kim-comprehend', // a REST API
      'kim-guardrail-sandbox',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the rendered CloudFormation pseudo parameter
      'kim-monthly-${AWS::Region}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the rendered CloudFormation pseudo parameter
      'kim-dashboard-${AWS::Region}',
      'kim', // Transcribe job names start with it (JOB_NAME_STEM)
      expect.stringMatching(/^API-Gateway-Execution-Logs_<Kim-Comprehend\/Api\w+>\/v1$/),
      expect.stringMatching(/^\/aws\/lambda\/<Kim-Textract\/\w+>$/),
    ]),
  );
  // Every stack of the app is in it, and the parent-scoped names left out are only those listed.
  expect(kimNames.filter((n) => n.where.endsWith('(stack name)'))).toHaveLength(10);
  expect(Object.keys(PARENT_SCOPED).length).toBeGreaterThan(0);
});

test('the default instance keeps the names it always had', () => {
  const names = defaultNames.map((n) => n.name);
  expect(names).toEqual(
    expect.arrayContaining(['AiLab-Comprehend', 'ai-lab-comprehend', 'ai-lab-guardrail-sandbox', 'ai-lab']),
  );
});

test('the account-wide API Gateway setting is not among them: no AWS::ApiGateway::Account in these modes', () => {
  for (const { stackName, template } of kimStacks)
    expect([
      stackName,
      Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::ApiGateway::Account'),
    ]).toEqual([stackName, []]);
});

/** Gives the Bedrock demo's guardrail the same fixed name in every instance, as the lab once did. */
class FixedGuardrailName implements IAspect {
  visit(node: IConstruct): void {
    if (
      CfnResource.isCfnResource(node) &&
      node.cfnResourceType === 'AWS::Bedrock::Guardrail' &&
      Stack.of(node).stackName.endsWith('-Bedrock')
    )
      node.addPropertyOverride('Name', 'ai-lab-guardrail-sandbox');
  }
}

/**
 * The names of a lab of this prefix built here with an aspect applied: the smallest lab that has the
 * guardrail (the Bedrock demo's stack, with the budget and dashboard stacks the settings ask for).
 */
function namesWith(prefix: string, aspect: IAspect): PhysicalName[] {
  const { app } = buildTestLab({ ...CONTEXT, prefix }, { demos: ['bedrock'] });
  Aspects.of(app).add(aspect);
  const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
  return physicalNames(
    stacks.map((s) => ({ stackName: s.stackName, template: Template.fromStack(s).toJSON() })),
  );
}

test('negative control: one fixed name reintroduced is caught, with where it is', () => {
  const shared = sharedNames(
    namesWith('AiLab', new FixedGuardrailName()),
    namesWith('Kim', new FixedGuardrailName()),
  );
  expect(shared).toEqual([
    expect.stringMatching(
      /^ai-lab-guardrail-sandbox: AiLab-Bedrock\/Guardrail\w* \(AWS::Bedrock::Guardrail\)\.Name and Kim-Bedrock\//,
    ),
  ]);
});

test('negative control: a name that differs only in letter case is caught too', () => {
  const a = [{ name: 'KIM-GUARDRAIL-SANDBOX', where: 'a' }];
  expect(sharedNames(a, [{ name: 'kim-guardrail-sandbox', where: 'b' }])).toEqual([
    'KIM-GUARDRAIL-SANDBOX: a and b',
  ]);
});
