/** Amazon Polly's routes as the stand-in answers them: MP3 bytes when asked for audio. */
import { audioDelivery } from '../../../lambda/polly/logic';
import { FORMATS, type Format } from '../../../lambda/polly/schemas';
import { HttpError } from '../../../lambda/shared/errors';
import { pollyCost } from '../../../lambda/shared/pricing';
import { type Answers, ok, usage } from './reply';

/** The bytes Polly "synthesizes": an ID3 header and MPEG frame sync, then filler. */
export const FAKE_MP3 = Buffer.concat([
  Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
  Buffer.from([0xff, 0xf3, 0x44, 0xc4]),
  Buffer.alloc(400, 0x55),
]);

export const pollyAnswers: Answers = {
  'POST /polly/speech': (input, req) => {
    const u = usage('characters', input.text.length, {
      engine: input.engine,
      estimatedCostUsd: pollyCost(input.text.length, input.engine),
    });
    // The lab's rule: audio only for an Accept API Gateway can deliver as bytes, else 406.
    const contentType = FORMATS[(input.format ?? 'mp3') as Format];
    const delivery = audioDelivery(req.headers.accept as string | undefined, contentType);
    if (delivery.kind === 'refuse') throw new HttpError(406, 'NOT_ACCEPTABLE', delivery.reason);
    if (delivery.kind === 'audio') return { status: 200, binary: FAKE_MP3, contentType };
    return ok({
      voiceId: input.voiceId,
      engine: input.engine,
      contentType,
      audioBytes: FAKE_MP3.length,
      audioBase64: FAKE_MP3.toString('base64'),
      hint: "Send 'Accept: audio/mpeg' to receive the audio itself.",
      usage: u,
    });
  },
  'GET /polly/voices': () =>
    ok({
      count: 1,
      voices: [
        {
          id: 'Seoyeon',
          name: 'Seoyeon',
          gender: 'Female',
          languageCode: 'ko-KR',
          languageName: 'Korean',
          engines: ['neural', 'standard'],
        },
      ],
      usage: usage('characters', 0, { estimatedCostUsd: 0, note: 'DescribeVoices is not billed' }),
    }),
};
