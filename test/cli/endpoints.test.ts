/** Endpoint discovery: the outputs file first, CloudFormation otherwise, and clear "not deployed" errors. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import {
  cloudFormationLookup,
  configuredRegion,
  Endpoints,
  NotDeployedError,
  regionFromUrl,
  type StackLookup,
} from '../../cli/endpoints';
import { CliError } from '../../cli/signer';
import { runCli, tempDir, writeOutputs } from './harness';
import { TEST_CREDENTIALS } from './stand-in';

const COMPREHEND_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1/';
const noLookup: StackLookup = async (stack) => {
  throw new Error(`unexpected CloudFormation call for ${stack}`);
};

describe('from the outputs file', () => {
  test('--outputs-file: the ApiUrl output, the Region from its host name', async () => {
    const dir = tempDir();
    const file = writeOutputs(dir, { 'AiLab-Comprehend': COMPREHEND_URL.replace(/\/$/, '') });
    const endpoints = new Endpoints({
      cwd: '/',
      outputsFile: file,
      region: 'us-east-1',
      lookup: () => noLookup,
    });
    await expect(endpoints.find('AiLab-Comprehend')).resolves.toEqual({
      stackName: 'AiLab-Comprehend',
      url: COMPREHEND_URL,
      region: 'eu-west-1',
    });
  });

  test('a stack missing from the given file: NotDeployedError naming it and the deploy command', async () => {
    const dir = tempDir();
    writeOutputs(dir, { 'AiLab-Comprehend': COMPREHEND_URL });
    const endpoints = new Endpoints({ cwd: dir, outputsFile: 'cdk-outputs.json', lookup: () => noLookup });
    const err = await endpoints.find('AiLab-Polly').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotDeployedError);
    expect((err as NotDeployedError).stackName).toBe('AiLab-Polly');
    expect((err as Error).message).toBe(
      'Stack AiLab-Polly has no ApiUrl in cdk-outputs.json: deploy it with `npx cdk deploy AiLab-Polly` and leave out ' +
        '--outputs-file to find it through CloudFormation (`cdk deploy --outputs-file` keeps only the stacks that one command deployed).',
    );
  });

  test('a given file that does not exist, or is not JSON, is an error', async () => {
    const dir = tempDir();
    await expect(
      new Endpoints({ cwd: dir, outputsFile: 'nope.json', lookup: () => noLookup }).find('AiLab-Polly'),
    ).rejects.toThrow('Outputs file nope.json not found.');
    writeFileSync(path.join(dir, 'bad.json'), '{');
    await expect(
      new Endpoints({ cwd: dir, outputsFile: 'bad.json', lookup: () => noLookup }).find('AiLab-Polly'),
    ).rejects.toThrow(/^Cannot read .*bad\.json/);
  });

  test('./cdk-outputs.json is used when present; a stack not in it is looked up in CloudFormation', async () => {
    const dir = tempDir();
    writeOutputs(dir, { 'AiLab-Comprehend': COMPREHEND_URL });
    const asked: string[] = [];
    const lookup: StackLookup = async (stack) => {
      asked.push(stack);
      return stack === 'AiLab-Polly'
        ? {
            status: 'UPDATE_COMPLETE',
            outputs: { ApiUrl: 'https://p.execute-api.eu-west-1.amazonaws.com/v1/' },
          }
        : undefined;
    };
    const endpoints = new Endpoints({ cwd: dir, region: 'eu-west-1', lookup: () => lookup });
    expect((await endpoints.find('AiLab-Comprehend')).url).toBe(COMPREHEND_URL);
    expect((await endpoints.find('AiLab-Polly')).url).toBe(
      'https://p.execute-api.eu-west-1.amazonaws.com/v1/',
    );
    await expect(endpoints.find('AiLab-Bedrock')).rejects.toThrow(
      'Stack AiLab-Bedrock is not deployed in eu-west-1: deploy it with `npx cdk deploy AiLab-Bedrock`.',
    );
    expect(asked).toEqual(['AiLab-Polly', 'AiLab-Bedrock']);
  });
});

describe('from CloudFormation', () => {
  const cfn = mockClient(CloudFormationClient);
  afterEach(() => cfn.reset());
  afterAll(() => cfn.restore());

  test('DescribeStacks in the configured Region: outputs, and a missing stack as undefined', async () => {
    cfn
      .on(DescribeStacksCommand, { StackName: 'AiLab-Translate' })
      .resolves({
        Stacks: [
          {
            StackName: 'AiLab-Translate',
            StackStatus: 'CREATE_COMPLETE',
            CreationTime: new Date(),
            Outputs: [
              { OutputKey: 'ApiUrl', OutputValue: 'https://t.execute-api.ap-northeast-2.amazonaws.com/v1/' },
            ],
          },
        ],
      })
      .on(DescribeStacksCommand, { StackName: 'AiLab-Polly' })
      .rejects(
        Object.assign(new Error('Stack with id AiLab-Polly does not exist'), { name: 'ValidationError' }),
      );
    const lookup = cloudFormationLookup('ap-northeast-2', TEST_CREDENTIALS);
    await expect(lookup('AiLab-Translate')).resolves.toEqual({
      status: 'CREATE_COMPLETE',
      outputs: { ApiUrl: 'https://t.execute-api.ap-northeast-2.amazonaws.com/v1/' },
    });
    await expect(lookup('AiLab-Polly')).resolves.toBeUndefined();
    expect(await cfn.call(0).thisValue.config.region()).toBe('ap-northeast-2');
  });

  test('other CloudFormation errors are reported with the stack and Region', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('User is not authorized to perform cloudformation:DescribeStacks'), {
        name: 'AccessDenied',
      }),
    );
    const err = await cloudFormationLookup(
      'us-east-1',
      TEST_CREDENTIALS,
    )('AiLab-Polly').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(
      'CloudFormation DescribeStacks AiLab-Polly in us-east-1 failed: AccessDenied: User is not authorized to perform cloudformation:DescribeStacks',
    );
  });

  test('a stack that failed or is being deleted is not deployed; one without ApiUrl neither', async () => {
    const polly: Record<string, string> = { ApiUrl: 'https://old.execute-api.us-east-1.amazonaws.com/v1/' };
    const lookup: StackLookup = async (stack) =>
      stack === 'AiLab-Polly'
        ? { status: 'ROLLBACK_COMPLETE', outputs: polly }
        : { status: 'CREATE_COMPLETE', outputs: { Other: 'x' } };
    const endpoints = new Endpoints({ cwd: tempDir(), region: 'us-east-1', lookup: () => lookup });
    await expect(endpoints.find('AiLab-Polly')).rejects.toThrow(
      'Stack AiLab-Polly is not deployed in us-east-1 (it is ROLLBACK_COMPLETE): deploy it with `npx cdk deploy AiLab-Polly`.',
    );
    await expect(endpoints.find('AiLab-Bedrock')).rejects.toThrow(
      'Stack AiLab-Bedrock in us-east-1 has no ApiUrl output (status CREATE_COMPLETE): redeploy it with `npx cdk deploy AiLab-Bedrock`.',
    );
  });

  test('without a Region nor an outputs file, the error says how to set one', async () => {
    const endpoints = new Endpoints({ cwd: tempDir(), lookup: () => noLookup });
    await expect(endpoints.find('AiLab-Polly')).rejects.toThrow(
      /^No AWS Region to look up stack AiLab-Polly in: pass --region/,
    );
  });
});

describe('Region', () => {
  test('execute-api host names carry the Region; other hosts do not', () => {
    expect(regionFromUrl('https://abc.execute-api.ap-northeast-2.amazonaws.com/v1/')).toBe('ap-northeast-2');
    expect(regionFromUrl('http://127.0.0.1:4000/v1/')).toBeUndefined();
  });

  test('--region, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' };
    expect(await configuredRegion('us-west-2', undefined, env)).toBe('us-west-2');
    expect(await configuredRegion(undefined, undefined, env)).toBe('eu-west-1');
    expect(await configuredRegion(undefined, undefined, { AWS_DEFAULT_REGION: 'eu-west-2' })).toBe(
      'eu-west-2',
    );
  });
});

describe('through the CLI', () => {
  test('a demo whose stack is not deployed: exit 1 and the deploy command, no request', async () => {
    const file = writeOutputs(tempDir(), { 'AiLab-Comprehend': COMPREHEND_URL });
    const run = await runCli(['polly', 'voices', '--outputs-file', file]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^Stack AiLab-Polly has no ApiUrl in .*: deploy it with `npx cdk deploy AiLab-Polly` and leave out/,
      ),
    });
  });

  test('without a file the stacks are looked up in the configured Region (CloudFormation injected)', async () => {
    const asked: string[] = [];
    const run = await runCli(['--region', 'ap-northeast-2', 'bedrock', 'ask', '--question', 'hi'], {
      cwd: tempDir(),
      lookup: async (stack) => {
        asked.push(stack);
        return undefined;
      },
    });
    expect(asked).toEqual(['AiLab-Bedrock']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Stack AiLab-Bedrock is not deployed in ap-northeast-2: deploy it with `npx cdk deploy AiLab-Bedrock`.\n',
    );
  });
});

describe('an instance prefix (-c prefix=Kim at deploy)', () => {
  const lookupOf = (asked: string[]) => async (stack: string) => {
    asked.push(stack);
    return undefined;
  };

  test('--prefix, else AI_LAB_PREFIX, names the stacks the CLI looks up', async () => {
    for (const [argv, env, stack] of [
      [['--prefix', 'Kim'], {}, 'Kim-Bedrock'],
      [[], { AI_LAB_PREFIX: 'Lee' }, 'Lee-Bedrock'],
      [['--prefix', 'Kim'], { AI_LAB_PREFIX: 'Lee' }, 'Kim-Bedrock'],
      [[], {}, 'AiLab-Bedrock'],
    ] as const) {
      const asked: string[] = [];
      const run = await runCli(
        ['--region', 'ap-northeast-2', ...argv, 'bedrock', 'ask', '--question', 'hi'],
        {
          cwd: tempDir(),
          env: { AWS_REGION: 'ap-northeast-2', ...env },
          lookup: lookupOf(asked),
        },
      );
      expect(asked).toEqual([stack]);
      // The deploy command names the prefix too: synth makes one instance's stacks only.
      const deploy = stack.startsWith('AiLab-')
        ? `npx cdk deploy ${stack}`
        : `npx cdk deploy ${stack} -c prefix=${stack.split('-')[0]}`;
      expect(run.stderr).toBe(
        `Stack ${stack} is not deployed in ap-northeast-2: deploy it with \`${deploy}\`.\n`,
      );
    }
  });

  test("the outputs file's stacks of that instance are used; another instance's are only a hint", async () => {
    const dir = tempDir();
    writeOutputs(dir, { 'Kim-Comprehend': COMPREHEND_URL });
    const endpoints = (prefixStack: string) =>
      new Endpoints({ cwd: dir, outputsFile: 'cdk-outputs.json', lookup: () => noLookup }).find(prefixStack);
    await expect(endpoints('Kim-Comprehend')).resolves.toMatchObject({
      stackName: 'Kim-Comprehend',
      url: COMPREHEND_URL,
    });
    await expect(endpoints('AiLab-Comprehend')).rejects.toThrow(
      'Stack AiLab-Comprehend has no ApiUrl in cdk-outputs.json (cdk-outputs.json lists Kim-Comprehend: pass --prefix Kim ' +
        'or set AI_LAB_PREFIX=Kim): deploy it with `npx cdk deploy AiLab-Comprehend`',
    );
  });

  test('a prefix that cannot be one is an error naming where it came from, before any lookup', async () => {
    const bad = await runCli(['--prefix', 'kim-lee', 'polly', 'voices']);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^--prefix 'kim-lee' is not a lab prefix: it must be a capital letter/),
    });
    const badEnv = await runCli(['polly', 'voices'], {
      env: { AWS_REGION: 'us-east-1', AI_LAB_PREFIX: 'x' },
    });
    expect(badEnv.stderr).toMatch(/^AI_LAB_PREFIX 'x' is not a lab prefix/);
  });
});
