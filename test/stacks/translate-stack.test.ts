import { Match, type Template } from 'aws-cdk-lib/assertions';
import { labAssembly } from '../support/lab-assembly';

let template: Template;

beforeAll(() => {
  template = labAssembly().demo('translate');
});

test('matches the snapshot (asset hashes masked)', () => {
  expect(template.toJSON()).toMatchSnapshot();
});

test('grants TranslateText, ListLanguages and the Comprehend call behind sourceLanguage "auto"', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: ['comprehend:DetectDominantLanguage', 'translate:ListLanguages', 'translate:TranslateText'],
          Resource: '*',
        },
      ],
    },
  });
});

test('has POST /translate with a request model and GET /translate/languages', () => {
  template.hasResourceProperties('AWS::ApiGateway::Method', {
    HttpMethod: 'POST',
    AuthorizationType: 'AWS_IAM',
    RequestModels: { 'application/json': Match.anyValue() },
  });
  template.hasResourceProperties('AWS::ApiGateway::Method', {
    HttpMethod: 'GET',
    AuthorizationType: 'AWS_IAM',
  });
  template.resourceCountIs('AWS::ApiGateway::Method', 2);
});
