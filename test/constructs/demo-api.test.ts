import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DemoApi } from '../../lib/constructs/demo-api';
import { DemoFunction } from '../../lib/constructs/demo-function';

/** A stack with one function and a DemoApi in front of it, no routes yet. */
function apiStack(name: string) {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), name);
  const demo = new DemoFunction(stack, 'Fn', {
    entry: 'lambda/translate/handler.ts',
    serviceName: 't',
    description: 't',
  });
  const api = new DemoApi(stack, 'Api', {
    restApiName: 'ai-lab-test',
    description: 'test',
    handler: demo.fn,
    throttle: { rateLimit: 3, burstLimit: 6 },
  });
  return { stack, api };
}

function make() {
  const { stack, api } = apiStack('S');
  api.addRoute('POST', '/test/echo', {
    requestSchema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['text'] },
  });
  api.addRoute('GET', '/test/items/{id}');
  return Template.fromStack(stack);
}

const t = make();

test('every method uses AWS_IAM and a Lambda proxy integration', () => {
  const methods = Object.values(t.findResources('AWS::ApiGateway::Method'));
  expect(methods).toHaveLength(2);
  for (const m of methods) {
    expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    expect(m.Properties.Integration.Type).toBe('AWS_PROXY');
  }
});

test('a request model validates the body at the edge', () => {
  t.hasResourceProperties('AWS::ApiGateway::Model', {
    ContentType: 'application/json',
    Schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['text'] },
  });
  t.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true });
});

test('the stage is throttled, traced, logs errors only and never bodies, with JSON access logs', () => {
  t.hasResourceProperties('AWS::ApiGateway::Stage', {
    StageName: 'v1',
    TracingEnabled: true,
    AccessLogSetting: {
      DestinationArn: Match.anyValue(),
      Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
    },
    MethodSettings: [
      Match.objectLike({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: 3,
        ThrottlingBurstLimit: 6,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
      }),
    ],
  });
});

test('owns the execution log group API Gateway would otherwise leave behind', () => {
  const groups = Object.entries(t.findResources('AWS::Logs::LogGroup'));
  const [id, exec] = groups.find(([, g]) => g.Properties.LogGroupName)!;
  expect(exec.Properties.LogGroupName).toEqual({
    'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: expect.stringMatching(/^Api/) }, '/v1']],
  });
  expect(exec.Properties.RetentionInDays).toBe(7);
  expect(exec.DeletionPolicy).toBe('Delete');
  const stage = Object.values(t.findResources('AWS::ApiGateway::Stage'))[0]!;
  expect(stage.DependsOn).toContain(id);
});

test('gateway errors use the lab error shape', () => {
  t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
    ResponseType: 'THROTTLED',
    ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"error":\\{"code":"THROTTLED"') },
  });
  for (const r of Object.values(t.findResources('AWS::ApiGateway::GatewayResponse'))) {
    const tpl = String(r.Properties.ResponseTemplates['application/json']).replace(/\$context\.[\w.]+/g, 'X');
    expect(() => JSON.parse(tpl.replace(/:X([,}])/g, ':"X"$1'))).not.toThrow();
  }
});

test('one Lambda permission for the whole API, not one per method', () => {
  t.resourceCountIs('AWS::Lambda::Permission', 1);
});

test('a streaming route gets its own integration timeout; a timeout on a buffered route is refused', () => {
  const { stack, api } = apiStack('Streaming');
  api.addRoute('POST', '/test/stream', { streaming: true, streamTimeout: Duration.seconds(120) });
  api.addRoute('POST', '/test/buffered');
  expect(() => api.addRoute('POST', '/test/wrong', { streamTimeout: Duration.seconds(120) })).toThrow(
    /has a streamTimeout but is not a streaming route/,
  );
  const integrations = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Method')).map(
    (m) => m.Properties.Integration,
  );
  expect(integrations.map((i) => [i.ResponseTransferMode, i.TimeoutInMillis])).toEqual(
    expect.arrayContaining([
      ['STREAM', 120_000],
      [undefined, undefined],
    ]),
  );
});
