/**
 * AiLab-Pipeline's template: the Distributed Map's settings and ceilings from config, the state
 * machine's IAM statement by statement, the batch job's role, the EventBridge rule that resumes
 * runs, and the bucket. The definition itself is executed in test/pipeline/workflow.test.ts.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { guardrailProfile, modelRoute, type TableRegion } from '../../lambda/shared/regions';
import { RegionView, statementsIn, TEST_ACCOUNT } from '../../review/region-eval';
import { expectSecureUploadBucket } from '../support/buckets';
import { buildTestLab } from '../support/lab';
import { labAssembly } from '../support/lab-assembly';
import { definitionOf } from '../support/sfn-local';

// The pipeline's stack alone for the settings only this file reads (the same stack as in the whole
// lab: test/suite/lab-assembly.test.ts); the default lab is the run's shared assembly.
const PIPELINE_ALONE = { demos: ['pipeline'] } as const;

type Json = Record<string, any>;
let template: Template;
let definition: Json;
beforeAll(() => {
  template = labAssembly().demo('pipeline');
  definition = definitionOf(template.toJSON() as never);
});

const maps = () => definition.States as Record<string, Json>;
/** The statements of the policy whose logical id is `id` plus CDK's 8-character hash. */
const policyOf = (id: string): Json[] => {
  const found = Object.entries(template.findResources('AWS::IAM::Policy')).find(([logicalId]) =>
    new RegExp(`^${id}[0-9A-F]{8}$`).test(logicalId),
  );
  if (!found) throw new Error(`no policy ${id}`);
  const s = found[1].Properties.PolicyDocument.Statement;
  return Array.isArray(s) ? s : [s];
};
const bucketId = () => Object.keys(template.findResources('AWS::S3::Bucket'))[0]!;
const objects = (prefix: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${prefix}*`]],
});
/** Resources in any order (CDK's policy minimizing sorts them). */
const anyOrder = (...prefixes: string[]) => expect.arrayContaining(prefixes.map(objects));

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('the bucket is the lab’s secure upload bucket; objects outlive the longest run by a day', () => {
  // 26-hour execution timeout → 2 days, plus one.
  expectSecureUploadBucket(template, 3);
});

test('-c governed=true: the bucket is versioned (CT.S3.PR.11) and every log group keeps a year (CT.CLOUDWATCH.PR.2)', () => {
  const governed = labAssembly({ governed: 'true' }, PIPELINE_ALONE).demo('pipeline');
  governed.hasResourceProperties('AWS::S3::Bucket', {
    VersioningConfiguration: { Status: 'Enabled' },
  });
  const days = Object.values(governed.findResources('AWS::Logs::LogGroup')).map(
    (g) => g.Properties.RetentionInDays,
  );
  expect(days.length).toBeGreaterThanOrEqual(6);
  expect(days.every((d) => d >= 365)).toBe(true);
  // Negative control: the default stack keeps its logs 7 days and its bucket unversioned.
  expect(
    template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } }),
  ).toEqual({});
});

describe('the Distributed Maps', () => {
  test.each(['Process documents', 'Finish documents'])(
    '%s: JSONL ItemReader, concurrency, tolerance, ResultWriter, Express children',
    (name) => {
      const m = maps()[name] ?? Object.values(maps()).find(() => false);
      expect(m).toMatchObject({
        Type: 'Map',
        MaxConcurrency: 5,
        ToleratedFailurePercentage: 50,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: 'pipeline-documents', 'Key.$': expect.stringMatching(/^\$\./) },
        },
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: {
            Bucket: 'pipeline-documents',
            'Prefix.$': expect.stringMatching(/^States\.Format\('results\/\{\}\//),
          },
        },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Report the failed run' }],
      });
    },
  );

  test('the first map reads the run manifest and hands each child its item and the run settings', () => {
    expect(maps()['Process documents']).toMatchObject({
      ItemReader: { Parameters: { 'Key.$': '$.manifestKey' } },
      ItemSelector: { 'item.$': '$$.Map.Item.Value', 'run.$': '$.run' },
      ResultPath: '$.processed',
    });
  });

  test('ceilings come from config', () => {
    const t = labAssembly(
      {
        pipelineMaxConcurrency: '20',
        pipelineToleratedFailurePercent: '10',
        pipelineMaxItems: '7',
        pipelineMaxBatchItems: '300',
        pipelineBatchMinRecords: '150',
        pipelineMaxItemBytes: '1000000',
        pipelineBatchTimeoutHours: '48',
        pipelineExecutionTimeoutHours: '50',
      },
      PIPELINE_ALONE,
    ).demo('pipeline');
    const d = definitionOf(t.toJSON() as never) as Json;
    expect(d.TimeoutSeconds).toBe(50 * 3600);
    expect(d.States['Process documents']).toMatchObject({
      MaxConcurrency: 20,
      ToleratedFailurePercentage: 10,
    });
    expect(d.States['Wait for the batch job'].TimeoutSeconds).toBe(49 * 3600);
    expect(d.States['Start the batch job (Bedrock)'].Parameters.TimeoutDurationInHours).toBe(48);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MAX_ITEMS: '7',
          MAX_BATCH_ITEMS: '300',
          BATCH_MIN_RECORDS: '150',
          MAX_ITEM_BYTES: '1000000',
          STATE_MACHINE_ARN: Match.anyValue(),
        }),
      },
    });
  });

  test('a bad ceiling fails synth naming the key', () => {
    expect(() => buildTestLab({ pipelineMaxConcurrency: '0' })).toThrow(/pipelineMaxConcurrency/);
    expect(() => buildTestLab({ pipelineToleratedFailurePercent: '101' })).toThrow(
      /pipelineToleratedFailurePercent/,
    );
    expect(() => buildTestLab({ pipelineBatchTimeoutHours: '12' })).toThrow(/pipelineBatchTimeoutHours/);
    expect(() => buildTestLab({ pipelineBatchTimeoutHours: '48' })).toThrow(
      /pipelineExecutionTimeoutHours: must be more than pipelineBatchTimeoutHours \(48\)/,
    );
    expect(() => buildTestLab({ pipelineBatchMinRecords: '2000' })).toThrow(
      /pipelineBatchMinRecords: must not exceed/,
    );
  });
});

describe('the state machine', () => {
  test('Standard, with an execution timeout, X-Ray, and logs of every event but never the execution data', () => {
    expect(definition.TimeoutSeconds).toBe(26 * 3600);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
  });

  test('the summary is capped and goes through the guardrail', () => {
    const converse = maps()['Process documents']!.ItemProcessor.States['Summarize (Bedrock Converse)'];
    expect(converse).toMatchObject({
      Resource: 'arn:aws:states:::aws-sdk:bedrockruntime:converse',
      Parameters: {
        ModelId: 'amazon.nova-micro-v1:0',
        InferenceConfig: { MaxTokens: 512 },
        GuardrailConfig: { GuardrailIdentifier: 'gr-local', GuardrailVersion: '1' },
      },
    });
  });

  test('every service Task retries only throttling, with capped exponential backoff and jitter', () => {
    const tasks: Json[] = [];
    const walk = (states: Record<string, Json>) => {
      for (const s of Object.values(states)) {
        if (s.Type === 'Task') tasks.push(s);
        if (s.ItemProcessor) walk(s.ItemProcessor.States);
      }
    };
    walk(maps());
    expect(tasks.length).toBeGreaterThan(15);
    for (const t of tasks) {
      expect(t.Retry).toEqual([
        {
          ErrorEquals: expect.arrayContaining([
            expect.stringMatching(/^\w+\.(Throttling|SlowDown|TooManyRequests)Exception$/),
          ]),
          IntervalSeconds: 1,
          MaxAttempts: 5,
          BackoffRate: 2,
          MaxDelaySeconds: 16,
          JitterStrategy: 'FULL',
        },
      ]);
      expect(t.Retry[0].ErrorEquals).not.toContain('States.ALL');
    }
  });

  test('only two Lambda functions are called, each with a comment saying why code is needed', () => {
    const lambdas: Json[] = [];
    const walk = (states: Record<string, Json>) => {
      for (const s of Object.values(states)) {
        if (s.Resource === 'arn:aws:states:::lambda:invoke') lambdas.push(s);
        if (s.ItemProcessor) walk(s.ItemProcessor.States);
      }
    };
    walk(maps());
    expect(new Set(lambdas.map((l) => l.Parameters.FunctionName)).size).toBe(2);
    for (const l of lambdas) expect(l.Comment).toMatch(/^Code: /);
  });
});

describe('IAM', () => {
  test('the state machine: S3 by prefix, AI actions without resource types on *, nothing else', () => {
    expect(policyOf('ReadDocuments')).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: anyOrder('input/', 'batch/') },
    ]);
    expect(policyOf('ReadDocuments')[0]!.Resource).toHaveLength(2);
    expect(policyOf('WriteResults')).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: anyOrder('results/', 'output/', 'batch/') },
      {
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts'],
        Resource: objects('results/'),
      },
    ]);
    expect(policyOf('AiServices')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'comprehend:DetectDominantLanguage',
          'comprehend:DetectPiiEntities',
          'comprehend:DetectSentiment',
          'polly:StartSpeechSynthesisTask',
          'textract:DetectDocumentText',
          'translate:TranslateText',
        ],
        Resource: '*',
      },
    ]);
  });

  /** The policy `id`'s statements as a deployment in `region` gets them (Mappings and conditions applied). */
  const deployedIn = (region: string, id: string) => {
    const logicalId = Object.keys(template.findResources('AWS::IAM::Policy')).find((k) =>
      new RegExp(`^${id}[0-9A-F]{8}$`).test(k),
    )!;
    return statementsIn(new RegionView(template.toJSON() as never, region), logicalId);
  };
  const MODEL = 'amazon.nova-micro-v1:0';
  /** What the Region calls for the model (in-Region model or profile), and the profile's destinations. */
  const modelTarget = (region: TableRegion) => {
    const route = modelRoute(region, MODEL);
    if (route.kind !== 'profile')
      return { target: `arn:aws:bedrock:${region}::foundation-model/${MODEL}`, via: undefined };
    const target = `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:inference-profile/${route.invokeId}`;
    return {
      target,
      via: {
        Resource: route.destinations.map((d) => `arn:aws:bedrock:${d}::foundation-model/${MODEL}`),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': target } },
      },
    };
  };

  describe.each(['us-east-1', 'ap-northeast-2'] as const)('deployed in %s', (region) => {
    test('Converse: bedrock:InvokeModel on what the Region calls; ApplyGuardrail on the guardrail and its profile', () => {
      const { target, via } = modelTarget(region);
      const s = deployedIn(region, 'SummarizeModel');
      expect(s.filter((x) => x.Action === 'bedrock:InvokeModel')).toEqual([
        { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: target },
        ...(via ? [expect.objectContaining({ Action: 'bedrock:InvokeModel', ...via })] : []),
      ]);
      const guard = s.filter((x) => x.Action === 'bedrock:ApplyGuardrail');
      expect(guard[0]).toEqual({
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: 'att:Guardrail.GuardrailArn',
      });
      // The Standard tier's guardrail profile, in each of its destination Regions.
      const profile = guardrailProfile(region);
      expect(guard[1]!.Resource).toEqual(
        expect.arrayContaining(
          profile.destinations.map(
            (d) => `arn:aws:bedrock:${d}:${TEST_ACCOUNT}:guardrail-profile/${profile.profileId}`,
          ),
        ),
      );
      expect(s).toHaveLength(via ? 4 : 3);
    });

    test('the batch job: CreateModelInvocationJob on the model and this account’s jobs, PassRole only to Bedrock', () => {
      const { target, via } = modelTarget(region);
      expect(deployedIn(region, 'BatchJob')).toEqual([
        {
          Effect: 'Allow',
          Action: 'bedrock:CreateModelInvocationJob',
          Resource: [target, `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:model-invocation-job/*`],
        },
        ...(via ? [expect.objectContaining({ Action: 'bedrock:CreateModelInvocationJob', ...via })] : []),
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: expect.stringMatching(/^att:BatchJobRole[0-9A-F]{8}\.Arn$/),
          Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
        },
      ]);
    });

    test('the summarize step and the batch job call the Region’s model id', () => {
      const d = definitionOf(template.toJSON() as never, region) as Json;
      const route = modelRoute(region, MODEL);
      const id = route.kind === 'profile' ? route.invokeId : MODEL;
      expect(JSON.stringify(d)).toContain(`"ModelId":"${id}"`);
      expect(JSON.stringify(d).match(/"ModelId":"[^"]+"/g)).toEqual([
        `"ModelId":"${id}"`,
        `"ModelId":"${id}"`,
      ]);
    });
  });

  test('the batch service role: assumed by Bedrock for this account’s jobs, batch/ only', () => {
    const [roleId, role] = Object.entries(template.findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith('BatchJobRole'),
    )!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.objectContaining({ 'Fn::Join': expect.anything() }) },
        },
      },
    ]);
    const statements = policyOf(`${roleId.replace(/[0-9A-F]{8}$/, '')}DefaultPolicy`);
    expect(roleId).toMatch(/^BatchJobRole/);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: objects('batch/') },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [bucketId(), 'Arn'] },
        Condition: { StringLike: { 's3:prefix': ['batch/*'] } },
      },
    ]);
  });

  test('the functions the machine calls, and only they', () => {
    const [s] = policyOf('InvokeFunctions');
    expect(s).toMatchObject({ Action: 'lambda:InvokeFunction' });
    expect(s!.Resource.map((r: Json) => r['Fn::GetAtt'][0]).sort()).toEqual([
      expect.stringMatching(/^RunFunction/),
      expect.stringMatching(/^TextFunction/),
    ]);
  });

  test('the API: start this machine, read its executions and map runs, its bucket prefixes', () => {
    const statements = policyOf('HandlerRoleDefaultPolicy');
    const states = statements.filter((s) => JSON.stringify(s.Action).includes('states:'));
    expect(states).toEqual([
      {
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: { Ref: expect.stringMatching(/^StateMachine/) },
      },
      expect.objectContaining({ Action: ['states:DescribeExecution', 'states:ListMapRuns'] }),
      expect.objectContaining({ Action: 'states:DescribeMapRun' }),
    ]);
    expect(JSON.stringify(states[1]!.Resource)).toMatch(/:execution:".*"Name"\]\},":\*"/);
    expect(JSON.stringify(states[2]!.Resource)).toMatch(/:mapRun:".*"Name"\]\},"\/\*"/);
    // S3: write input/ (uploads, inline documents, the manifest), read results/, list both.
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: 's3:PutObject', Resource: objects('input/') },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: objects('results/') },
      ]),
    );
  });

  test('the job-event function may resume tasks (no resource type: *) and read batch/ only', () => {
    expect(policyOf('JobEventFunctionResumeRuns')).toEqual([
      { Effect: 'Allow', Action: ['states:SendTaskFailure', 'states:SendTaskSuccess'], Resource: '*' },
    ]);
  });
});

test('the EventBridge rule: this stack’s batch jobs reaching a final state, to the job-event function', () => {
  template.hasResourceProperties('AWS::Events::Rule', {
    EventPattern: {
      source: ['aws.bedrock'],
      'detail-type': ['Batch Inference Job State Change'],
      detail: {
        batchJobName: [{ prefix: 'ai-lab-pipeline-' }],
        status: ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'],
      },
    },
    Targets: [
      Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobEventFunction'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
      }),
    ],
  });
});

test('the pipeline’s own guardrail has the lab guardrail’s settings (no dependency on AiLab-Bedrock)', () => {
  const bedrock = labAssembly().demo('bedrock').findResources('AWS::Bedrock::Guardrail');
  const mine = template.findResources('AWS::Bedrock::Guardrail');
  const settings = (r: Record<string, Json>) => {
    const { Name: _n, Description: _d, Tags: _t, ...rest } = Object.values(r)[0]!.Properties;
    return rest;
  };
  expect(settings(mine)).toEqual(settings(bedrock));
  expect(Object.values(mine)[0]!.Properties.Name).toBe('ai-lab-pipeline-guardrail-sandbox');
  expect(JSON.stringify(template.toJSON())).not.toMatch(/Fn::ImportValue/);
});

test('another instance (-c prefix=Kim): its own job names, rule, job-event prefix and guardrail name', () => {
  const kim = labAssembly({ prefix: 'Kim' }, PIPELINE_ALONE).demo('pipeline');
  kim.hasResourceProperties('AWS::Events::Rule', {
    EventPattern: { detail: { batchJobName: [{ prefix: 'kim-pipeline-' }] } },
  });
  kim.hasResourceProperties('AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike({ BATCH_JOB_PREFIX: 'kim-pipeline-' }) },
  });
  kim.hasResourceProperties('AWS::Bedrock::Guardrail', { Name: 'kim-pipeline-guardrail-sandbox' });
  const submit = JSON.stringify(definitionOf(kim.toJSON() as never));
  expect(submit).toContain(`States.Format('kim-pipeline-{}', $.runId)`);
  expect(submit).not.toContain('ai-lab-pipeline-');
  // The default instance's, for contrast.
  expect(JSON.stringify(definition)).toContain(`States.Format('ai-lab-pipeline-{}', $.runId)`);
});
