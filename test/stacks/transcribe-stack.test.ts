import { Match, type Template } from 'aws-cdk-lib/assertions';
import { newJobName } from '../../lambda/transcribe/logic';
import { expectSecureUploadBucket } from '../support/buckets';
import { labAssembly } from '../support/lab-assembly';

let template: Template;
beforeAll(() => {
  template = labAssembly().demo('transcribe');
});

const bucketId = () => Object.keys(template.findResources('AWS::S3::Bucket'))[0]!;
const bucketArn = () => ({ 'Fn::GetAtt': [bucketId(), 'Arn'] });
const objects = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn(), `/${prefix}*`]] });

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('the upload bucket is private, encrypted, SSL-only, expires objects after a day and is destroyed', () => {
  expectSecureUploadBucket(template);
});

test('the auto-delete custom resource waits for its provider’s log group', () => {
  const [customResource] = Object.values(template.findResources('Custom::S3AutoDeleteObjects'));
  expect(customResource!.DependsOn).toEqual(
    expect.arrayContaining([expect.stringMatching(/^AutoDeleteProviderLogs/)]),
  );
});

test('S3 grants are exact actions scoped to prefixes; no s3:* for the function', () => {
  const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
    JSON.stringify(p).includes('logs:PutLogEvents'),
  )!;
  const statements = policy.Properties.PolicyDocument.Statement as Array<{
    Action: unknown;
    Resource: unknown;
  }>;
  expect(statements).toEqual(
    expect.arrayContaining([
      // cdk.json's @aws-cdk/aws-iam:minimizePolicies merges the four grants into one statement.
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: [objects('transcripts/'), objects('uploads/')],
      }),
      expect.objectContaining({
        Action: 's3:ListBucket',
        Resource: bucketArn(),
        Condition: { StringLike: { 's3:prefix': ['uploads/*'] } },
      }),
    ]),
  );
  expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|s3:GetObject\*|s3:List\*|s3:Abort\*/);
});

test('StartTranscriptionJob is pinned to the bucket; GetTranscriptionJob to the lab’s job names', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'transcribe:StartTranscriptionJob',
          Resource: '*',
          Condition: {
            StringEquals: {
              'transcribe:OutputBucketName': { Ref: Match.stringLikeRegexp('^UploadsBucket') },
            },
          },
        },
        {
          Effect: 'Allow',
          Action: 'transcribe:GetTranscriptionJob',
          Resource: {
            // The exact shape of this instance's job names, one character per `?`, no `*`.
            'Fn::Join': ['', Match.arrayWith([':transcription-job/ai-lab-????????-??????-????????'])],
          },
        },
      ],
    },
  });
});

test('the function knows its bucket and how its job names start', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({
        UPLOAD_BUCKET: { Ref: Match.stringLikeRegexp('^UploadsBucket') },
        JOB_NAME_STEM: 'ai-lab',
      }),
    },
  });
});

test("the job-name pattern matches this instance's job names and no other instance's", () => {
  // The IAM pattern, as a regular expression: `?` is one character.
  const iamPattern = (stem: string) => new RegExp(`^${stem}-.{8}-.{6}-.{8}$`);
  const mine = newJobName(new Date(), 'ai-lab');
  expect(mine).toMatch(iamPattern('ai-lab'));
  // A prefix whose stem begins this one's (Ai → ai, AiLab → ai-lab), both ways round.
  expect(mine).not.toMatch(iamPattern('ai'));
  expect(newJobName(new Date(), 'ai')).not.toMatch(iamPattern('ai-lab'));
  // Negative control: the `*` pattern this replaced matched the other instance's jobs.
  expect(mine).toMatch(/^ai-.*$/);
});
