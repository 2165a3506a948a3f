/**
 * The review of AiLab-Pipeline draws its data flow through the state machine: the API starts it,
 * it reads the bucket and calls each AI service and its two functions itself, and the EventBridge
 * rule drives the batch job's event function. Its IAM appears statement by statement, in words.
 */
import { readAssembly } from '../../review/assembly';
import { toMermaid } from '../../review/dataflow';
import { reviewAssembly, type StackReview } from '../../review/review';
import { labAssembly } from '../support/lab-assembly';

let review: StackReview;
beforeAll(async () => {
  const assembly = readAssembly(labAssembly().dir);
  const stack = assembly.stacks.filter((s) => s.stackName === 'AiLab-Pipeline');
  review = (await reviewAssembly({ ...assembly, stacks: stack }, [], 'en'))[0]!;
});

test('S3 → Step Functions → each service: the flow passes through the state machine', () => {
  const mermaid = toMermaid(review.flow);
  const machine = /(StateMachine[0-9A-F]{8})\["StateMachine"\]/.exec(mermaid)?.[1];
  expect(machine).toBeDefined();
  // An edge carries every action that reaches its pair of nodes, comma-separated.
  const edge = (from: string, part: string, to: string) =>
    new RegExp(`${from} -- "(?:[^"]*, )?${part}(?:, [^"]*)?" --> ${to}`);
  expect(mermaid).toMatch(edge('HandlerFunction\\w+', 'StartExecution', machine!));
  for (const service of ['comprehend', 'translate', 'textract', 'polly', 'bedrock']) {
    expect(mermaid).toMatch(new RegExp(`${machine} -- "[^"]+" --> svc_${service}`));
  }
  expect(mermaid).toMatch(edge(machine!, 'GetObject', 'DocumentsBucket\\w+'));
  expect(mermaid).toMatch(edge(machine!, 'InvokeFunction', 'TextFunction\\w+'));
  expect(mermaid).toMatch(/BatchJobEvents\w+ -- "event" --> JobEventFunction\w+/);
  expect(mermaid).toMatch(edge('JobEventFunction\\w+', 'SendTaskSuccess', 'svc_states'));
});

test('the state machine and the rule are known to the review, and cost nothing idle', () => {
  const flagged = review.findings.filter((f) => f.level === 'flag').map((f) => f.key);
  expect(flagged.filter((k) => /idle|unknown/.test(k))).toEqual([]);
  expect(flagged).toContain('perm.flag.wildcardAction'); // CDK's own bucket-emptying policy, as in every stack with a bucket
});
