/** Amazon Textract's routes as the stand-in answers them, with batch jobs IN_PROGRESS for two polls. */
import { createHash, randomUUID } from 'node:crypto';
import { validate } from '../../../lambda/shared/body';
import { HttpError, notFound } from '../../../lambda/shared/errors';
import { decodeBase64, requireMediaType } from '../../../lambda/shared/media';
import { textractCost } from '../../../lambda/shared/pricing';
import { assertOwnKey } from '../../../lambda/shared/uploads';
import { DOCUMENT_UPLOAD, jobPath } from '../../../lambda/textract/schemas';
import { type Answer, type Answers, type LabState, ok, usage } from './reply';
import { uploadAnswer } from './uploads';

const synchronous =
  (operation: string): Answer =>
  (input) => {
    const bytes = decodeBase64('document', input.document, 4_620_288);
    const mediaType = requireMediaType('document', bytes, [
      'image/png',
      'image/jpeg',
      'image/tiff',
      'application/pdf',
    ]);
    const features: string[] = input.features ?? [];
    return ok({
      operation,
      mediaType,
      ...(features.length && { features }),
      pages: 1,
      lines: [
        { text: 'INVOICE', confidence: 99.8, page: 1 },
        { text: 'Total: $1,234.50', confidence: 99.1, page: 1 },
      ],
      keyValues: features.includes('FORMS')
        ? [{ key: 'Invoice number', value: 'INV-0042', confidence: 95.2, page: 1 }]
        : [],
      tables: features.includes('TABLES')
        ? [
            {
              page: 1,
              rows: [
                ['Item', 'Qty', 'Price'],
                ['Widget', '2', '$10.00'],
              ],
              confidence: 97.5,
            },
          ]
        : [],
      queries: (input.queries ?? []).map((q: { text: string; alias?: string }) => ({
        query: q.text,
        alias: q.alias,
        answer: '$1,234.50',
        confidence: 92.3,
        page: 1,
      })),
      usage: usage('pages', 1, { estimatedCostUsd: textractCost(1, features as never) }),
    });
  };

export function textractAnswers({ jobs, uploadedKeys }: LabState): Answers {
  return {
    'POST /textract/text': synchronous('DetectDocumentText'),
    'POST /textract/analyze': synchronous('AnalyzeDocument'),
    'POST /textract/uploads': uploadAnswer(DOCUMENT_UPLOAD, 'ai-lab-textract-uploads', 'pages'),
    'POST /textract/jobs': (input) => {
      assertOwnKey(input.key, DOCUMENT_UPLOAD);
      if (!uploadedKeys.has(input.key)) {
        throw new HttpError(
          400,
          'INVALID_REQUEST',
          'Textract could not read the uploaded object (InvalidS3ObjectException).',
        );
      }
      const jobId = createHash('sha256').update(randomUUID()).digest('hex');
      jobs.set(jobId, { polls: 0, kind: 'textract', mode: input.mode });
      return ok(
        {
          jobId,
          mode: input.mode,
          ...(input.features && { features: input.features }),
          key: input.key,
          status: 'IN_PROGRESS',
          poll: `GET /textract/jobs/${jobId}?mode=${input.mode}`,
          usage: usage('pages', 0, { note: 'billed per page when the job runs' }),
        },
        202,
      );
    },
    'GET /textract/jobs/{jobId}': (input, req) => {
      const { jobId } = validate(jobPath, req.params, 'path');
      const job = jobs.get(jobId);
      if (job?.kind !== 'textract' || job.mode !== input.mode) {
        throw notFound(`No Textract job ${jobId} for mode=${input.mode}.`);
      }
      job.polls += 1;
      if (job.polls <= 2) {
        return ok({
          jobId,
          mode: input.mode,
          status: 'IN_PROGRESS',
          next: 'Poll again in a few seconds.',
          usage: usage('pages', 0),
        });
      }
      return ok({
        jobId,
        mode: input.mode,
        status: 'SUCCEEDED',
        truncated: false,
        pages: 2,
        lines: [
          { text: 'Page one of the sample', confidence: 99.5, page: 1 },
          { text: 'Page two of the sample', confidence: 99.4, page: 2 },
        ],
        keyValues: [],
        tables: [],
        queries: [],
        usage: usage('pages', 2, { estimatedCostUsd: textractCost(2, []) }),
      });
    },
  };
}
