/** Pure helpers of the Polly demo. */
import { FORMATS, type Format } from './schemas';

/** Characters Polly bills: SSML tags are not billed (entities count as the character they stand for). */
export function billedCharacters(text: string, textType: 'text' | 'ssml'): number {
  if (textType === 'text') return Array.from(text).length;
  const withoutTags = text.replace(/<[^>]*>/g, '');
  const decoded = withoutTags.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, '_');
  return Array.from(decoded).length;
}

/** Does the caller want raw audio? True when the first Accept type is an audio type. */
export function wantsAudio(accept: string | undefined): boolean {
  const first = accept?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('audio/');
}

export function contentTypeOf(format: Format): string {
  return FORMATS[format];
}

/**
 * Largest audio a proxy response can carry: Lambda's 6 MB response limit, base64 grows data by
 * 4/3, less room for headers and the JSON envelope.
 */
export const MAX_AUDIO_BYTES = Math.floor(((6 * 1024 * 1024 - 16 * 1024) * 3) / 4);
