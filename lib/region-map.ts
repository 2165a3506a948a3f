/**
 * The Region table (lambda/shared/regions.ts) carried into a stack as CloudFormation `Mappings`
 * keyed by `AWS::Region`, so one synthesized template serves every table Region and CloudFormation
 * picks the Region's values at deploy time. One mapping per stack (`AiLabRegions`), with:
 * - a Rule that fails the deployment, before anything is created, in a Region the table lacks;
 * - `value(key, fn)` / `list(key, fn)`: a per-Region value computed from the table, as Fn::FindInMap;
 * - `condition(id, key, equals)`: a CfnCondition on a mapped value (for statements only some Regions need);
 * - `conditionalStatement(...)`: an IAM statement present only where a condition holds (Fn::If).
 */
import { Aws, CfnCondition, CfnMapping, CfnRule, Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_REGIONS, type TableRegion } from '../lambda/shared/regions';

const ID = 'AiLabRegionTable';

export class RegionMap extends Construct {
  /** The stack's map, created on first use. */
  public static of(scope: Construct): RegionMap {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(ID) as RegionMap | undefined) ?? new RegionMap(stack, ID);
  }

  private readonly mapping: CfnMapping;
  private readonly conditions = new Map<string, CfnCondition>();

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    this.mapping = new CfnMapping(scope, 'AiLabRegions', { lazy: false });
    new CfnRule(scope, 'AiLabRegionInTable', {
      assertions: [
        {
          assert: Fn.conditionContains([...TABLE_REGIONS], Aws.REGION),
          assertDescription:
            `ai-services-lab has sourced facts only for ${TABLE_REGIONS.join(', ')} ` +
            '(lambda/shared/region-facts.ts). Deploy to one of them, or add the Region to the table first.',
        },
      ],
    });
  }

  private put(key: string, fn: (region: TableRegion) => string | string[]): void {
    for (const region of TABLE_REGIONS) this.mapping.setValue(region, key, fn(region));
  }

  /** The Region's value of `key` (set from `fn` for every table Region), as Fn::FindInMap. */
  public value(key: string, fn: (region: TableRegion) => string): string {
    this.put(key, fn);
    return this.mapping.findInMap(Aws.REGION, key);
  }

  /** Like value(), for a list of strings. */
  public list(key: string, fn: (region: TableRegion) => string[]): string[] {
    this.put(key, fn);
    return Token.asList(this.mapping.findInMap(Aws.REGION, key));
  }

  /** A condition true in the Regions where `fn` gives `equals` (created once per id). */
  public condition(
    id: string,
    key: string,
    fn: (region: TableRegion) => string,
    equals: string,
  ): CfnCondition {
    let condition = this.conditions.get(id);
    if (!condition) {
      condition = new CfnCondition(Stack.of(this), id, {
        expression: Fn.conditionEquals(this.value(key, fn), equals),
      });
      this.conditions.set(id, condition);
    }
    return condition;
  }
}

/**
 * A policy statement present only where `condition` holds: rendered as
 * `{"Fn::If": [condition, statement, {"Ref": "AWS::NoValue"}]}`. It needs a `sid` so the policy
 * minimizer never merges it into an unconditional statement.
 */
export class ConditionalStatement extends iam.PolicyStatement {
  constructor(
    private readonly condition: CfnCondition,
    props: iam.PolicyStatementProps & { readonly sid: string },
  ) {
    super(props);
  }

  public override toStatementJson(): unknown {
    return Fn.conditionIf(this.condition.logicalId, super.toStatementJson(), Aws.NO_VALUE);
  }
}

/** A CloudFormation attribute name from free text: letters and digits only. */
export function mapKey(prefix: string, text: string): string {
  return (
    prefix +
    text
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .replace(/(?:^| )(\w)/g, (_, c: string) => c.toUpperCase())
      .replace(/ /g, '')
  );
}
