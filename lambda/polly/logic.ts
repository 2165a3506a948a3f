/** Pure helpers of the Polly demo. */
import { FORMATS, type Format } from './schemas';

/** Characters Polly bills: SSML tags are not billed (entities count as the character they stand for). */
export function billedCharacters(text: string, textType: 'text' | 'ssml'): number {
  if (textType === 'text') return Array.from(text).length;
  const withoutTags = text.replace(/<[^>]*>/g, '');
  const decoded = withoutTags.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, '_');
  return Array.from(decoded).length;
}

/** The media types the API serves as bytes: its `binaryMediaTypes` (PollyStack sets them from this). */
export const BINARY_MEDIA_TYPES: readonly string[] = Object.values(FORMATS);

export type AudioDelivery =
  | { readonly kind: 'audio' }
  | { readonly kind: 'json' }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * How to answer, from the caller's Accept header and the audio's media type.
 *
 * API Gateway turns the function's base64 body back into bytes only when the first media type in
 * the caller's Accept header matches one of the API's `binaryMediaTypes`; any other Accept gets the
 * base64 text as it is, under the audio Content-Type (a file that will not play). Its
 * documentation: "API Gateway uses the first Accept header from clients to determine if a response
 * should return binary media"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html).
 * How it compares a wildcard such as `audio/*`, letter case or parameters (`;q=`) is not
 * documented, so only an exact, parameter-free match is answered with audio.
 *
 * - first Accept type exactly the audio's type → the audio itself;
 * - any other audio type (`audio/*`, `audio/mp3`, `audio/mpeg;q=1`, another format's type) → 406,
 *   saying what to send instead;
 * - anything else (`application/json`, any non-audio type, no Accept) → JSON with the audio in base64.
 */
export function audioDelivery(accept: string | undefined, contentType: string): AudioDelivery {
  const first = accept?.split(',')[0]?.trim() ?? '';
  if (!first.toLowerCase().startsWith('audio/')) return { kind: 'json' };
  if (first === contentType) return { kind: 'audio' };
  const ask = BINARY_MEDIA_TYPES.includes(first)
    ? `Accept '${first}' asks for another format than the one requested (${contentType}).`
    : `Accept '${first}' cannot be answered with audio: API Gateway returns bytes only when the first Accept type is exactly one of ${BINARY_MEDIA_TYPES.join(', ')}; anything else would arrive as base64 text labelled as audio.`;
  return {
    kind: 'refuse',
    reason: `${ask} Send 'Accept: ${contentType}' for the audio, or 'Accept: application/json' for it in base64 inside JSON.`,
  };
}

export function contentTypeOf(format: Format): string {
  return FORMATS[format];
}

/**
 * Largest audio a proxy response can carry: Lambda's 6 MB response limit, base64 grows data by
 * 4/3, less room for headers and the JSON envelope.
 */
export const MAX_AUDIO_BYTES = Math.floor(((6 * 1024 * 1024 - 16 * 1024) * 3) / 4);
