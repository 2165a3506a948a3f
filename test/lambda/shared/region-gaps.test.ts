/**
 * The 501 rule in the real handlers: the gaps a stack hands a function (lib/region-gaps.ts, from the
 * Region table) answer `NOT_AVAILABLE_IN_REGION` naming where the thing is offered, before any AWS call;
 * what the Region has still works.
 */
import { DescribeVoicesCommand, PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { TextractClient } from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { REGION_GAPS_ENV } from '../../../lambda/shared/availability';
import { gapsFor } from '../../../lib/region-gaps';
import { service } from '../../../lib/services';
import { apiEvent, bodyOf } from '../../support/events';
import { FAKE_CREDENTIALS_ENV } from '../../support/handler-env';

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

/**
 * Load a handler as it would start in `region` with that Region's gaps. `isolated` loads a second copy
 * (its SDK clients are then not the mocked ones: use it only where no AWS call can happen).
 */
function handlerIn<T>(
  region: 'ap-northeast-1' | 'eu-west-1' | 'ap-northeast-2',
  id: 'textract' | 'polly',
  env = {},
  isolated = false,
): T {
  Object.assign(process.env, FAKE_CREDENTIALS_ENV, env, {
    AWS_REGION: region,
    [REGION_GAPS_ENV]: JSON.stringify(gapsFor(region, { service: service(id) })),
  });
  if (!isolated) return require(`../../../lambda/${id}/handler`) as T;
  let mod: T | undefined;
  jest.isolateModules(() => {
    mod = require(`../../../lambda/${id}/handler`) as T;
  });
  return mod!;
}

type Handler = { handler: (e: unknown) => Promise<{ statusCode: number; body: string }> };

describe('Textract in Tokyo (no Textract endpoint there)', () => {
  const textract = mockClient(TextractClient);
  beforeEach(() => textract.reset());

  test.each(['/textract/text', '/textract/analyze', '/textract/jobs'])(
    'POST %s: 501 naming the Regions with Textract, no AWS call',
    async (resource) => {
      const { handler } = handlerIn<Handler>('ap-northeast-1', 'textract', { UPLOAD_BUCKET: 'lab-uploads' });
      const res = await handler(apiEvent({ resource, body: { document: 'AAAA' } }));
      expect(res.statusCode).toBe(501);
      const error = bodyOf(res).error;
      expect(error.code).toBe('NOT_AVAILABLE_IN_REGION');
      expect(error.message).toMatch(
        /^Amazon Textract is not offered in ap-northeast-1\. It is offered in .*ap-northeast-2/,
      );
      expect(error.details.offeredIn).not.toContain('ap-northeast-1');
      expect(textract.calls()).toHaveLength(0);
    },
  );

  test('negative control: in Seoul the same request reaches validation (400), not the 501', async () => {
    const { handler } = handlerIn<Handler>(
      'ap-northeast-2',
      'textract',
      { UPLOAD_BUCKET: 'lab-uploads' },
      true,
    );
    const res = await handler(apiEvent({ resource: '/textract/text', body: { document: 'AAAA' } }));
    expect(res.statusCode).toBe(415); // the bytes are not a document: validation, not the Region
  });
});

describe('Polly in Ireland (no generative engine there)', () => {
  test('the generative engine is a 501 naming its Regions; the neural engine is served', async () => {
    const { handler } = handlerIn<Handler>('eu-west-1', 'polly');
    const polly = mockClient(PollyClient);
    polly.on(DescribeVoicesCommand).resolves({
      Voices: [
        { Id: 'Joanna', LanguageCode: 'en-US', SupportedEngines: ['generative', 'neural', 'standard'] },
      ],
    });
    polly.on(SynthesizeSpeechCommand).resolves({
      AudioStream: {
        transformToByteArray: async () =>
          new Uint8Array(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64abc', 'latin1')),
      } as never,
      ContentType: 'audio/mpeg',
      RequestCharacters: 5,
    });
    const generative = await handler(
      apiEvent({
        resource: '/polly/speech',
        body: { text: 'Hello', voiceId: 'Joanna', engine: 'generative' },
      }),
    );
    expect(generative.statusCode).toBe(501);
    expect(bodyOf(generative).error.message).toMatch(
      /^Polly's generative engine is not offered in eu-west-1\. It is offered in us-east-1, us-west-2, eu-central-1, ap-northeast-1, ap-northeast-2, ap-southeast-1/,
    );
    expect(polly.commandCalls(SynthesizeSpeechCommand)).toHaveLength(0);
    const neural = await handler(
      apiEvent({ resource: '/polly/speech', body: { text: 'Hello', voiceId: 'Joanna', engine: 'neural' } }),
    );
    expect([neural.statusCode, bodyOf(neural).error?.message]).toEqual([200, undefined]);
    expect(polly.commandCalls(SynthesizeSpeechCommand)).toHaveLength(1);
  });
});
