/**
 * Builds the whole lab into an App: config, stacks, cost tags and cdk-nag. `bin/` and the
 * tests both call this, so the tests check exactly what `cdk synth` produces.
 */
import { type App, Aws, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { type LabConfig, loadConfig } from './config';
import { CostTags } from './constructs/cost-tags';
import { dashboardName, stackName } from './names';
import { recordValidationPlugins } from './review-metadata';
import {
  BUDGET_STACK_SUFFIX,
  DASHBOARD_STACK_SUFFIX,
  type DemoId,
  PROJECT_TAG_VALUE,
  SERVICES,
  SHARED_STACK_SUFFIX,
} from './services';
import { BedrockStack } from './stacks/bedrock-stack';
import { BudgetStack } from './stacks/budget-stack';
import { ComprehendStack } from './stacks/comprehend-stack';
import { DashboardStack } from './stacks/dashboard-stack';
import type { DemoStack } from './stacks/demo-stack';
import { PipelineStack } from './stacks/pipeline-stack';
import { PollyStack } from './stacks/polly-stack';
import { RekognitionStack } from './stacks/rekognition-stack';
import { SharedStack } from './stacks/shared-stack';
import { TextractStack } from './stacks/textract-stack';
import { TranscribeStack } from './stacks/transcribe-stack';
import { TranslateStack } from './stacks/translate-stack';
import { timedPlugin } from './synth-timings';

export interface DemoStackClass {
  new (scope: App, id: string, props: { env: Environment; config: LabConfig }): DemoStack;
  /** esbuild `define` of the demo's function, when it has compile-time constants. */
  readonly bundleDefine?: (config: LabConfig) => Record<string, string>;
  /** Handler files of the stack's other functions (no compile-time constants), for the prebuild. */
  readonly extraEntries?: readonly string[];
}

/** The stack class of each demo in the catalogue. */
export const DEMO_STACKS: Partial<Record<DemoId, DemoStackClass>> = {
  comprehend: ComprehendStack,
  translate: TranslateStack,
  textract: TextractStack,
  rekognition: RekognitionStack,
  polly: PollyStack,
  transcribe: TranscribeStack,
  bedrock: BedrockStack,
  pipeline: PipelineStack,
};

export interface Lab {
  readonly config: LabConfig;
  /** <prefix>-Shared, only with `-c apiGatewayCloudWatchRole=create`. */
  readonly shared?: SharedStack;
  /** <prefix>-Budget, when `-c budgetEmail=...` is given. */
  readonly budget?: BudgetStack;
  /** <prefix>-Dashboard, when `-c dashboard=true` is given. */
  readonly dashboard?: DashboardStack;
  /** Demo stacks by catalogue id. */
  readonly stacks: Partial<Record<DemoId, DemoStack>>;
}

export interface BuildLabOptions {
  /** Register the cdk-nag packs (AwsSolutions, Serverless). @default true */
  readonly nag?: boolean;
  /**
   * Build only these demos' stacks (with the other stacks the settings ask for). Each stack is the
   * same as in the whole lab: tests that check one demo under many settings synthesize less.
   * @default every demo of the catalogue
   */
  readonly demos?: readonly DemoId[];
}

export function buildLab(app: App, options: BuildLabOptions = {}): Lab {
  const config = loadConfig(app.node);
  // Environment-agnostic stacks: the template is the same on every machine, and `cdk deploy`
  // targets the account and Region of the caller's credentials (AWS_REGION / profile).
  const env: Environment = {};

  const name = (suffix: string) => stackName(config.prefix, suffix);

  // The account's API Gateway CloudWatch setting is changed only when asked (see lib/config.ts).
  const shared =
    config.apiGatewayCloudWatchRole === 'create'
      ? new SharedStack(app, name(SHARED_STACK_SUFFIX), { env })
      : undefined;
  const stacks: Partial<Record<DemoId, DemoStack>> = {};
  for (const svc of SERVICES) {
    if (options.demos && !options.demos.includes(svc.id)) continue;
    const StackClass = DEMO_STACKS[svc.id];
    if (StackClass) stacks[svc.id] = new StackClass(app, name(svc.stackSuffix), { env, config });
  }
  if (shared)
    for (const s of Object.values(stacks))
      s.addStackDependency(shared, 'API Gateway logging needs the account CloudWatch role');

  const budget = config.budgetEmail
    ? new BudgetStack(app, name(BUDGET_STACK_SUFFIX), {
        env,
        prefix: config.prefix,
        email: config.budgetEmail,
        monthlyUsd: config.budgetMonthlyUsd,
        thresholds: config.budgetThresholds,
      })
    : undefined;

  const dashboard = config.dashboard
    ? new DashboardStack(app, name(DASHBOARD_STACK_SUFFIX), {
        env,
        dashboardName: dashboardName(config.prefix, Aws.REGION),
        instance: config.prefix,
        apis: SERVICES.flatMap((svc) => {
          const s = stacks[svc.id];
          return s
            ? [
                {
                  service: svc.id,
                  stackName: s.stackName,
                  apiName: s.api.api.restApiName,
                  routes: svc.routes.map((r) => r.path),
                },
              ]
            : [];
        }),
      })
    : undefined;

  CostTags.applyToApp(app, {
    project: PROJECT_TAG_VALUE,
    environment: config.environment,
    owner: config.owner,
    costCenter: config.costCenter,
  });
  if (options.nag ?? true) {
    const plugins = [
      timedPlugin('nag:AwsSolutions', new AwsSolutionsChecks(app)),
      timedPlugin('nag:Serverless', new ServerlessChecks(app)),
    ];
    Validations.of(app).addPlugins(...plugins);
    recordValidationPlugins(app, plugins);
  }
  return { config, shared, stacks, budget, dashboard };
}
