/**
 * AiLab-Pipeline's text function, called by the per-document child workflow for the two steps
 * that need code (lambda/pipeline/text.ts says why). It logs the operation and sizes, never text.
 */
import { createLogger } from '../shared/logger';
import { ItemError, type PrepareInput, prepareText, type RedactInput, redactText } from './text';

const logger = createLogger('pipeline');

export type TextEvent = { op: 'prepare'; doc: PrepareInput } | ({ op: 'redact' } & RedactInput);

export const handler = async (event: TextEvent) => {
  switch (event.op) {
    case 'prepare': {
      const out = prepareText(event.doc);
      logger.info('text prepared', { bytes: out.bytes, pages: out.pages });
      return out;
    }
    case 'redact': {
      const out = redactText(event);
      logger.info('text redacted', { entities: out.redacted.reduce((n, r) => n + r.count, 0) });
      return out;
    }
    default:
      throw new ItemError('UnknownOperation', `No text operation '${(event as { op?: string }).op}'.`);
  }
};
