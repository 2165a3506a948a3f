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
    Aspects.of(scope).add(new RawResourceTagger(tags), { priority: AspectPriority.MUTATING });
    Aspects.of(scope).add(new RequiredTagsCheck(REQUIRED_TAG_KEYS), { priority: AspectPriority.READONLY });
  }

  /** Tag one stack with the service it demonstrates and the unit it is billed by. */
  public static applyToStack(stack: Stack, values: StackTagValues): void {
    const tags = { Service: values.service, PricingUnit: values.pricingUnit };
    for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
    STACK_TAGS.set(stack, tags);
  }
}

/** The tags applyToStack gave each stack, for the resources `Tags.of` cannot reach. */
const STACK_TAGS = new WeakMap<Stack, Record<string, string>>();

/**
 * Gives raw CfnResources of taggable types (CDK's provider functions and roles) the app's and
 * their stack's cost tags, which `Tags.of` cannot do. The values come from CostTags itself, not
 * from `Stack.tags`: with the `@aws-cdk/core:explicitStackTags` flag (cdk.json) a stack's own tag
 * manager does not hear of `Tags.of(stack)`, and these resources were written with no tags.
 */
class RawResourceTagger implements IAspect {
  constructor(private readonly appTags: Readonly<Record<string, string>>) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || TagManager.isTaggable(node)) return;
    if (!RAW_TAGGABLE_TYPES.has(node.cfnResourceType)) return;
    const values = { ...this.appTags, ...STACK_TAGS.get(Stack.of(node)) };
    const tags = REQUIRED_TAG_KEYS.filter((key) => values[key]).map((Key) => ({ Key, Value: values[Key] }));
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
