/**
 * Run the synthesized state machine itself, offline, in aws-local-stepfunctions (an Amazon States
 * Language interpreter), with every Task state answered by a local function.
 *
 * 1. `definitionOf` takes the DefinitionString from the template and resolves its CloudFormation
 *    tokens (Ref, Fn::GetAtt, Fn::Join, Fn::FindInMap of the Region table's Mappings, pseudo
 *    parameters) to fixed local values, as a deployment in LOCAL.region would get them.
 * 2. `forLocalInterpreter` applies the one transformation the interpreter needs, because version
 *    3.0.0 runs JSONPath Map states but none of the Distributed Map's fields (ItemReader,
 *    ResultWriter, ToleratedFailurePercentage, Label, ProcessorConfig). Each Distributed Map `M`
 *    becomes three states, and nothing else changes:
 *    - `M`, a Task with the ItemReader's Parameters, answered locally by reading that JSONL object
 *      from the in-memory bucket (so the key the definition computes is the key that is read);
 *    - `M (items)`, the same Map with `ItemsPath` instead of the ItemReader, its ItemProcessor
 *      wrapped in a Parallel whose Catch turns a failed child into a result (as a Distributed Map
 *      does: one child's failure does not fail the Map);
 *    - `M (tolerated?)`, a Task answered locally that fails with States.ExceedToleratedFailureThreshold
 *      when more than ToleratedFailurePercentage of the children failed, as the Map Run would.
 *    The Map's Catch is copied to all three; its ResultPath and Next go to the last. The
 *    ResultWriter's files are not written (nothing in the workflow reads them).
 *    And one intrinsic function is evaluated by the stand-in instead: the interpreter removes every
 *    backslash from an intrinsic function's string result (BaseIntrinsicFunction.call), which breaks
 *    `States.JsonToString` of text holding quotes or newlines. `States.JsonToString(<path>)` in
 *    Parameters becomes `<path>`, and the Task's stand-in serializes the object it receives.
 * 3. `.waitForTaskToken` needs no transformation: the state's Parameters are evaluated (its task
 *    token comes from the context object the run is given), and its local handler returns a
 *    promise the test settles the way SendTaskSuccess / SendTaskFailure would.
 */
import { StateMachine } from 'aws-local-stepfunctions';

// aws-local-stepfunctions 3.0.0 calls Promise.withResolvers (ES2024, Node.js 22+); the lab also
// supports Node.js 20, where this standard function is missing.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

type Json = Record<string, unknown>;

export const LOCAL = {
  partition: 'aws',
  region: 'us-east-1',
  account: '123456789012',
  bucket: 'pipeline-documents',
} as const;

type Mappings = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Resolve a CloudFormation value to a plain one: Refs to local names, GetAtt to local ARNs,
 * FindInMap to LOCAL.region's entry.
 */
export function resolveTokens(
  value: unknown,
  resources: Record<string, { Type: string }>,
  mappings: Mappings = {},
  region: string = LOCAL.region,
): unknown {
  const again = (x: unknown) => resolveTokens(x, resources, mappings, region);
  if (Array.isArray(value)) return value.map(again);
  if (!value || typeof value !== 'object') return value;
  const v = value as Json;
  if ('Ref' in v) {
    const ref = String(v.Ref);
    const pseudo: Record<string, string> = {
      'AWS::Partition': LOCAL.partition,
      'AWS::Region': region,
      'AWS::AccountId': LOCAL.account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (pseudo[ref]) return pseudo[ref];
    const type = resources[ref]?.Type;
    if (type === 'AWS::S3::Bucket') return LOCAL.bucket;
    if (type === 'AWS::Lambda::Function') return `arn:aws:lambda:${region}:${LOCAL.account}:function:${ref}`;
    return ref;
  }
  if ('Fn::GetAtt' in v) {
    const [id, attr] = v['Fn::GetAtt'] as [string, string];
    const type = resources[id]?.Type;
    if (type === 'AWS::Lambda::Function' && attr === 'Arn') {
      return `arn:aws:lambda:${region}:${LOCAL.account}:function:${id}`;
    }
    if (type === 'AWS::IAM::Role' && attr === 'Arn') return `arn:aws:iam::${LOCAL.account}:role/${id}`;
    if (type === 'AWS::Bedrock::Guardrail' && attr === 'GuardrailId') return 'gr-local';
    if (type === 'AWS::Bedrock::Guardrail' && attr === 'GuardrailArn') {
      return `arn:aws:bedrock:${region}:${LOCAL.account}:guardrail/gr-local`;
    }
    if (type === 'AWS::Bedrock::GuardrailVersion' && attr === 'Version') return '1';
    return `${id}.${attr}`;
  }
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(again).join(sep);
  }
  if ('Fn::FindInMap' in v) {
    const [map, key1, key2] = (v['Fn::FindInMap'] as unknown[]).map((x) => String(again(x)));
    const found = mappings[map!]?.[key1!]?.[key2!];
    if (found === undefined) throw new Error(`Fn::FindInMap: no ${map}.${key1}.${key2}`);
    return found;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, again(x)]));
}

/** The state machine definition in a synthesized template, its tokens resolved for `region`. */
export function definitionOf(
  template: {
    Resources: Record<string, Json & { Type: string }>;
    Mappings?: Mappings;
  },
  region: string = LOCAL.region,
): Json {
  const machines = Object.values(template.Resources).filter(
    (r) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const raw = (machines[0]!.Properties as Json).DefinitionString;
  return JSON.parse(String(resolveTokens(raw, template.Resources, template.Mappings, region))) as Json;
}

/** The name of the Task that answers a Distributed Map's ItemReader, and of its threshold check. */
export const readerState = (map: string) => map;
export const itemsState = (map: string) => `${map} (items)`;
export const toleranceState = (map: string) => `${map} (tolerated?)`;
export const LOCAL_ITEM_READER = 'arn:aws:states:::local:itemReader';
export const LOCAL_TOLERANCE = 'arn:aws:states:::local:toleratedFailures';

/** The transformation of step 2 above, applied to every Distributed Map at any depth. */
export function forLocalInterpreter(definition: Json): Json {
  // JSON round trip, not structuredClone: under jest, structuredClone makes objects of another realm,
  // which the interpreter (it checks Object.getPrototypeOf) does not treat as plain objects.
  const copy = JSON.parse(JSON.stringify(definition)) as Json;
  transformStates(copy.States as Record<string, Json>);
  return copy;
}

/** `States.JsonToString(<path>)` → `<path>` in every Parameters, at any depth (see step 2). */
function passJsonThrough(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(passJsonThrough);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Json).map(([k, v]) => {
      const m =
        typeof v === 'string' && k.endsWith('.$') ? /^States\.JsonToString\((\$[^)]*)\)$/.exec(v) : null;
      return [k, m ? m[1] : passJsonThrough(v)];
    }),
  );
}

function transformStates(states: Record<string, Json>): void {
  for (const [name, state] of Object.entries(states)) {
    if (state.Parameters) state.Parameters = passJsonThrough(state.Parameters);
    for (const branch of (state.Branches as Json[] | undefined) ?? [])
      transformStates(branch.States as Record<string, Json>);
    const processor = state.ItemProcessor as Json | undefined;
    if (processor) transformStates(processor.States as Record<string, Json>);
    if (state.Type !== 'Map' || !state.ItemReader) continue;

    const {
      ItemReader,
      ResultWriter: _writer,
      ToleratedFailurePercentage,
      Label: _label,
      ItemProcessor,
      ResultPath,
      Next,
      End,
      Catch,
      ...map
    } = state as Json & { ItemReader: Json; ItemProcessor: Json };
    const { ProcessorConfig: _config, ...inner } = ItemProcessor;
    const catches = Catch ? { Catch } : {};
    states[readerState(name)] = {
      Type: 'Task',
      Resource: LOCAL_ITEM_READER,
      Parameters: { ...(ItemReader.Parameters as Json), ReaderConfig: ItemReader.ReaderConfig },
      ResultPath: '$.__local.items',
      Next: itemsState(name),
      ...catches,
    };
    states[itemsState(name)] = {
      ...map,
      ItemsPath: '$.__local.items',
      ItemProcessor: {
        StartAt: `${name} (child)`,
        States: {
          [`${name} (child)`]: {
            Type: 'Parallel',
            Branches: [inner],
            OutputPath: '$[0]',
            Catch: [
              { ErrorEquals: ['States.ALL'], ResultPath: '$.childFailed', Next: `${name} (child failed)` },
            ],
            End: true,
          },
          [`${name} (child failed)`]: {
            Type: 'Pass',
            Parameters: { 'childFailed.$': '$.childFailed' },
            End: true,
          },
        },
      },
      ResultPath: '$.__local.results',
      Next: toleranceState(name),
      ...catches,
    };
    states[toleranceState(name)] = {
      Type: 'Task',
      Resource: LOCAL_TOLERANCE,
      Parameters: {
        'results.$': '$.__local.results',
        toleratedFailurePercentage: ToleratedFailurePercentage ?? 0,
      },
      ResultPath: ResultPath ?? '$',
      ...(Next ? { Next } : { End }),
      ...catches,
    };
  }
}

/** The Distributed Maps a definition has, by name, at any depth. */
export function distributedMaps(definition: Json): Record<string, Json> {
  const out: Record<string, Json> = {};
  const walk = (states: Record<string, Json>) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === 'Map' && s.ItemReader) out[name] = s;
      const processor = s.ItemProcessor as Json | undefined;
      if (processor) walk(processor.States as Record<string, Json>);
      for (const b of (s.Branches as Json[] | undefined) ?? []) walk(b.States as Record<string, Json>);
    }
  };
  walk(definition.States as Record<string, Json>);
  return out;
}

/** The interpreter's own answer to the two local Tasks: read JSONL, check the failure threshold. */
export function localMapHandlers(
  maps: Record<string, Json>,
  readObject: (bucket: string, key: string) => string,
): Record<string, (input: unknown) => Promise<unknown>> {
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(maps)) {
    handlers[readerState(name)] = async (input) => {
      const { Bucket, Key, ReaderConfig } = input as {
        Bucket: string;
        Key: string;
        ReaderConfig: { InputType: string };
      };
      if (ReaderConfig.InputType !== 'JSONL')
        throw new Error(`local ItemReader reads JSONL, not ${ReaderConfig.InputType}`);
      return readObject(Bucket, Key)
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
    };
    handlers[toleranceState(name)] = async (input) => {
      const { results, toleratedFailurePercentage } = input as {
        results: Json[];
        toleratedFailurePercentage: number;
      };
      const failed = results.filter((r) => r && typeof r === 'object' && 'childFailed' in r).length;
      const total = results.length;
      if (total > 0 && (failed / total) * 100 > toleratedFailurePercentage) {
        const e = new Error(
          `${failed} of ${total} child executions failed; ${toleratedFailurePercentage}% tolerated.`,
        );
        e.name = 'States.ExceedToleratedFailureThreshold';
        throw e;
      }
      return { local: true, total, failed };
    };
  }
  return handlers;
}

export { StateMachine };
