import {
  Annotations,
  AspectPriority,
  Aspects,
  CfnResource,
  type IAspect,
  Stack,
  TagManager,
  Tags,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Tags every taggable resource must carry (AWS Billing can group costs by them). */
export const APP_TAG_KEYS = ['Project', 'Environment', 'Owner', 'CostCenter'] as const;
export const STACK_TAG_KEYS = ['Service', 'PricingUnit'] as const;
export const REQUIRED_TAG_KEYS = [...APP_TAG_KEYS, ...STACK_TAG_KEYS] as const;

export interface AppTagValues {
  readonly project: string;
  readonly environment: string;
  readonly owner: string;
  readonly costCenter: string;
}

export interface StackTagValues {
  /** The AWS service the stack demonstrates, e.g. `Amazon Comprehend`. */
  readonly service: string;
  /** The unit that service bills by, e.g. `characters`. */
  readonly pricingUnit: string;
}

/**
 * Resource types that support tags but that CDK creates as raw `CfnResource`s, which
 * `Tags.of` does not reach: the providers behind CDK's own custom resources (e.g. the S3
 * auto-delete-objects function and its role).
 */
const RAW_TAGGABLE_TYPES = new Set(['AWS::Lambda::Function', 'AWS::IAM::Role']);

/**
 * Cost-allocation tagging for the lab. `Project`, `Environment`, `Owner` and `CostCenter` on
 * every resource of the app; `Service` and `PricingUnit` per stack. Registers an aspect that
 * fails synth when a taggable resource lacks one of them.
 */
export class CostTags {
  /** Tag the whole app and check every taggable resource once tagging is done. */
  public static applyToApp(scope: IConstruct, values: AppTagValues): void {
    const tags: Record<string, string> = {
      Project: values.project,
      Environment: values.environment,
      Owner: values.owner,
      CostCenter: values.costCenter,
    };
    for (const [key, value] of Object.entries(tags)) Tags.of(scope).add(key, value);
    Aspects.of(scope).add(new RawResourceTagger(), { priority: AspectPriority.MUTATING });
    Aspects.of(scope).add(new RequiredTagsCheck(REQUIRED_TAG_KEYS), { priority: AspectPriority.READONLY });
  }

  /** Tag one stack with the service it demonstrates and the unit it is billed by. */
  public static applyToStack(stack: Stack, values: StackTagValues): void {
    Tags.of(stack).add('Service', values.service);
    Tags.of(stack).add('PricingUnit', values.pricingUnit);
  }
}

/**
 * Gives raw CfnResources of taggable types (CDK's provider functions and roles) the same tags
 * as their stack, which `Tags.of` cannot do.
 */
class RawResourceTagger implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || TagManager.isTaggable(node)) return;
    if (!RAW_TAGGABLE_TYPES.has(node.cfnResourceType)) return;
    const stackTags = Stack.of(node).tags.tagValues();
    const tags = Object.entries(stackTags)
      .filter(([key]) => (REQUIRED_TAG_KEYS as readonly string[]).includes(key))
      .map(([Key, Value]) => ({ Key, Value }));
    node.addPropertyOverride('Tags', tags);
  }
}

/** Fails synth (error annotation) when a taggable resource lacks a required tag. */
export class RequiredTagsCheck implements IAspect {
  constructor(private readonly required: readonly string[]) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || !TagManager.isTaggable(node)) return;
    const present = node.tags.tagValues();
    const missing = this.required.filter((k) => !present[k]);
    if (missing.length > 0) {
      Annotations.of(node).addError(
        `${node.cfnResourceType} lacks required cost-allocation tag(s): ${missing.join(', ')}. Apply CostTags to its app and stack.`,
      );
    }
  }
}
