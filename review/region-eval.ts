/**
 * What a Region-agnostic template becomes in one Region: Mappings looked up, Conditions evaluated,
 * Fn::If branches chosen (AWS::NoValue dropped), Fn::Join / Fn::Select / Fn::Split / Fn::Sub applied.
 * Enough of CloudFormation's intrinsic functions for the lab's templates, so tests can check per Region
 * what a deployment there would get (model ids, IAM, guardrail profile) without AWS.
 * Unknowns stay symbolic: Ref to a resource → `ref:<Id>`, GetAtt → `att:<Id>.<Attr>` (or as `symbols`
 * names them: the review writes `‹construct path›.Attr`). The review resolves Region-mapped values and
 * its Region section with it (review/regional.ts); the Region matrix tests use it too.
 */

export const TEST_ACCOUNT = '123456789012';

type Json = unknown;
export type Template = {
  Mappings?: Record<string, Record<string, Record<string, Json>>>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, { Type: string; Properties?: Record<string, Json>; Condition?: string }>;
};

const NO_VALUE = Symbol('AWS::NoValue');

/** How a reference to a resource reads when it cannot be resolved offline. */
export interface Symbols {
  ref(logicalId: string): string;
  att(logicalId: string, attribute: string): string;
}

const RAW_SYMBOLS: Symbols = { ref: (id) => `ref:${id}`, att: (id, attr) => `att:${id}.${attr}` };

export interface RegionViewOptions {
  /** How unresolvable references read. @default `ref:<Id>`, `att:<Id>.<Attr>` */
  readonly symbols?: Symbols;
  /**
   * What `AWS::Region` reads as in the values it produces (e.g. `${AWS::Region}`, so Regions that differ
   * only in their own name compare equal); mapping keys and conditions still use the real Region.
   * @default the Region
   */
  readonly regionAs?: string;
}

export class RegionView {
  private readonly conditions = new Map<string, boolean>();
  private readonly symbols: Symbols;
  /** Above 0 while evaluating mapping keys and conditions, where `AWS::Region` is always the real Region. */
  private keying = 0;

  constructor(
    private readonly template: Template,
    readonly region: string,
    /** What AWS::AccountId reads as (a fixed test account, or a placeholder in the report). */
    private readonly account: string = TEST_ACCOUNT,
    private readonly options: RegionViewOptions = {},
  ) {
    this.symbols = options.symbols ?? RAW_SYMBOLS;
  }

  condition(name: string): boolean {
    let value = this.conditions.get(name);
    if (value === undefined) {
      const expr = this.template.Conditions?.[name];
      if (expr === undefined) throw new Error(`No condition ${name}`);
      value = Boolean(this.keyed(() => this.eval(expr)));
      this.conditions.set(name, value);
    }
    return value;
  }

  private keyed<T>(fn: () => T): T {
    this.keying++;
    try {
      return fn();
    } finally {
      this.keying--;
    }
  }

  /** A resource's properties as deployed in this Region (undefined when its Condition is false). */
  properties(logicalId: string): Record<string, Json> | undefined {
    const r = this.template.Resources[logicalId];
    if (!r) throw new Error(`No resource ${logicalId}`);
    if (r.Condition && !this.condition(r.Condition)) return undefined;
    return this.eval(r.Properties ?? {}) as Record<string, Json>;
  }

  eval(node: Json): Json {
    if (Array.isArray(node)) return node.map((n) => this.eval(n)).filter((n) => n !== NO_VALUE);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, Json>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      const out = this.intrinsic(fn, arg);
      if (out !== undefined) return out;
    }
    const obj: Record<string, Json> = {};
    for (const [k, v] of entries) {
      const value = this.eval(v);
      if (value !== NO_VALUE) obj[k] = value;
    }
    return obj;
  }

  private intrinsic(fn: string, arg: Json): Json | undefined {
    const a = arg as Json[];
    switch (fn) {
      case 'Ref':
        return this.ref(arg as string);
      case 'Fn::GetAtt': {
        const [id, ...attr] = typeof arg === 'string' ? arg.split('.') : (a as string[]);
        return this.symbols.att(String(id), attr.join('.'));
      }
      case 'Fn::FindInMap': {
        const [map, key1, key2] = this.keyed(() => a.map((x) => this.eval(x))) as string[];
        const value = this.template.Mappings?.[map!]?.[key1!]?.[key2!];
        if (value === undefined) throw new Error(`Fn::FindInMap: no ${map}.${key1}.${key2}`);
        return value;
      }
      case 'Fn::Join': {
        const [sep, list] = a as [string, Json];
        return (this.eval(list) as Json[]).map(String).join(sep);
      }
      case 'Fn::Select':
        return (this.eval(a[1]) as Json[])[Number(this.eval(a[0]))];
      case 'Fn::Split':
        return String(this.eval(a[1])).split(a[0] as string);
      case 'Fn::Sub': {
        const template = typeof arg === 'string' ? arg : (a[0] as string);
        const vars = typeof arg === 'string' ? {} : (this.eval(a[1]) as Record<string, Json>);
        return template.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          String(name in vars ? vars[name] : this.ref(name)),
        );
      }
      case 'Fn::If': {
        const [cond, yes, no] = a as [string, Json, Json];
        return this.eval(this.condition(cond) ? yes : no);
      }
      case 'Fn::Equals':
        return JSON.stringify(this.eval(a[0])) === JSON.stringify(this.eval(a[1]));
      case 'Fn::Not':
        return !this.eval(a[0]);
      case 'Fn::And':
        return a.every((x) => this.eval(x));
      case 'Fn::Or':
        return a.some((x) => this.eval(x));
      case 'Fn::Contains':
        return (this.eval(a[0]) as Json[]).includes(this.eval(a[1]));
      case 'Condition':
        return this.condition(arg as string);
      default:
        return undefined;
    }
  }

  private ref(name: string): Json {
    switch (name) {
      case 'AWS::Region':
        return this.keying > 0 ? this.region : (this.options.regionAs ?? this.region);
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return this.symbols.ref(name);
    }
  }
}

/** The policy statements a policy resource has in the Region. */
export function statementsIn(view: RegionView, logicalId: string): Array<Record<string, Json>> {
  const props = view.properties(logicalId);
  const doc = props?.PolicyDocument as { Statement: Array<Record<string, Json>> } | undefined;
  return doc?.Statement ?? [];
}
