import type { Template } from 'aws-cdk-lib/assertions';
import { labAssembly } from '../support/lab-assembly';

let template: Template;
beforeAll(() => {
  template = labAssembly().demo('polly');
});

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('returns audio as binary for the audio types it produces', () => {
  template.hasResourceProperties('AWS::ApiGateway::RestApi', {
    BinaryMediaTypes: ['audio/mpeg', 'audio/ogg', 'audio/pcm'],
  });
});

test('may only synthesize speech and list voices', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        { Effect: 'Allow', Action: ['polly:DescribeVoices', 'polly:SynthesizeSpeech'], Resource: '*' },
      ],
    },
  });
});
