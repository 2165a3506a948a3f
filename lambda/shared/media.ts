/**
 * Binary payloads sent as base64 in a JSON body (documents, images, audio): strict decoding with
 * a size check before any bytes are allocated, media-type sniffing from magic numbers, and a
 * best-effort PDF page count. Pure: no AWS calls, no logging.
 */
import { badRequest, payloadTooLarge, unsupportedMediaType } from './errors';

/** One megabyte as AWS counts its binary limits (Textract 10 MB = 10,485,760 bytes). */
export const MB = 1024 * 1024;

/** "10 MB (10,485,760 bytes)", or "512 bytes" below 1 MB. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < MB) return exact;
  const mb = Math.round((bytes / MB) * 10) / 10;
  return `${mb} MB (${exact})`;
}

const DATA_URL_PREFIX = /^data:[^,]*?;base64,/i;
const BASE64_BODY = /^[A-Za-z0-9+/]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decoded size of `length` base64 characters ending in `padding` '=' characters. */
export function decodedLength(length: number, padding: number): number {
  return Math.floor((length * 3) / 4) - padding;
}

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === '\t') return 'a tab';
  if (ch === '-' || ch === '_')
    return `'${ch}' (the URL-safe alphabet; use standard base64 with '+' and '/')`;
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x21 && code <= 0x7e ? `'${ch}' (${hex})` : hex;
}

/**
 * Decode a base64 field strictly, after checking its decoded size against `maxBytes`.
 *
 * Accepts standard base64 (RFC 4648 §4, `+` and `/`, `=` padding to a multiple of 4), optionally
 * behind a `data:<type>;base64,` prefix, which is stripped (its declared type is not trusted; use
 * {@link sniffMediaType}). Rejects with 400: empty input, whitespace or line breaks (encode with
 * `base64 -w0`), URL-safe or other characters outside the alphabet, missing, misplaced or
 * excess padding, and non-zero bits in the final character (non-canonical encodings).
 * Rejects with 413 when the decoded size, computed from the string length before decoding,
 * exceeds `maxBytes`.
 */
export function decodeBase64(field: string, value: string, maxBytes: number): Buffer {
  if (typeof value !== 'string') throw badRequest(`'${field}' must be a base64 string.`);
  let b64 = value;
  if (/^data:/i.test(b64.slice(0, 5))) {
    const prefix = DATA_URL_PREFIX.exec(b64.slice(0, 256));
    if (!prefix) {
      throw badRequest(
        `'${field}' is a data URL that is not base64-encoded; send data:<type>;base64,<data>.`,
      );
    }
    b64 = b64.slice(prefix[0].length);
  }
  if (b64.length === 0) throw badRequest(`'${field}' is empty; send the file's bytes as base64.`);

  // Size first, from the length alone, so an oversized payload is never scanned or decoded.
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  const size = decodedLength(b64.length, padding);
  if (size > maxBytes) {
    throw payloadTooLarge(
      `'${field}' decodes to ${formatBytes(size)}; the limit for this operation is ${formatBytes(maxBytes)}.`,
    );
  }

  // Fast path: a string is canonical base64 exactly when decoding and re-encoding gives it back
  // (Buffer skips characters outside the alphabet and always pads). Two native passes, far
  // cheaper than a regular expression over a multi-megabyte string.
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.toString('base64') === b64) return bytes;

  // Not canonical: find out why, for a precise message.
  const body = b64.slice(0, b64.length - padding);
  if (!BASE64_BODY.test(body)) {
    const at = body.search(/[^A-Za-z0-9+/]/);
    const ch = body[at] ?? '';
    const what = ch === '=' ? "'=' padding before the end" : describeChar(ch);
    throw badRequest(
      `'${field}' is not valid base64: ${what} at position ${at + (value.length - b64.length)}.`,
    );
  }
  if (b64.length % 4 !== 0) {
    throw badRequest(
      `'${field}' is not valid base64: its length (${b64.length}) is not a multiple of 4 (missing or extra '=' padding).`,
    );
  }
  if (padding > 0) {
    // The bits after the last full byte must be zero (RFC 4648 §3.5), or two strings decode alike.
    const last = ALPHABET.indexOf(body[body.length - 1] ?? 'A');
    const unused = padding === 2 ? 0b1111 : 0b11;
    if ((last & unused) !== 0) {
      throw badRequest(
        `'${field}' is not valid base64: the character before the '=' padding is not canonical.`,
      );
    }
  }
  throw badRequest(`'${field}' is not valid base64.`);
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

/** A valid MPEG-1/2/2.5 audio frame header (not AAC/ADTS, which shares the 11-bit sync). */
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff) return false;
  const b1 = bytes[1] ?? 0;
  const b2 = bytes[2] ?? 0;
  if ((b1 & 0xe0) !== 0xe0) return false; // frame sync: 11 bits set
  if (((b1 >> 3) & 0b11) === 0b01) return false; // reserved version
  if (((b1 >> 1) & 0b11) === 0b00) return false; // reserved layer (ADTS AAC uses 00)
  if (b2 >> 4 === 0b1111) return false; // bad bitrate index
  if (((b2 >> 2) & 0b11) === 0b11) return false; // reserved sample rate
  return true;
}

const MP4_AUDIO_BRANDS = new Set(['M4A ', 'm4a ', 'M4B ', 'mp42', 'mp41', 'isom', 'iso2']);

/** ISO base media (MP4/M4A): an `ftyp` box whose major or a compatible brand is listed. */
function isMp4(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  if (MP4_AUDIO_BRANDS.has(ascii(bytes, 8, 12))) return true;
  const boxSize =
    (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
  const end = Math.min(boxSize, bytes.length, 256);
  for (let i = 16; i + 4 <= end; i += 4) if (MP4_AUDIO_BRANDS.has(ascii(bytes, i, i + 4))) return true;
  return false;
}

/**
 * The media type of a file from its first bytes (magic numbers), or undefined if unrecognised.
 * Covers what the lab's services accept: PNG, JPEG, TIFF, PDF (Textract, Rekognition) and MP3,
 * WAV, FLAC, Ogg, WebM, MP4/M4A (Transcribe).
 *
 * Containers say nothing about their tracks: WebM is reported as `audio/webm` and MP4 as
 * `audio/mp4` whether or not there is video ({@link requireMediaType} treats the `video/` forms
 * as the same container); a Matroska file that is not WebM is `video/x-matroska`.
 */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'image/tiff';
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(bytes, 4, 64).includes('matroska') ? 'video/x-matroska' : 'audio/webm';
  }
  if (isMp4(bytes)) return 'audio/mp4';
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegAudioFrame(bytes)) return 'audio/mpeg';
  return undefined;
}

/** Types that name the same container; sniffing cannot tell audio-only from video. */
const SAME_CONTAINER: Readonly<Record<string, string>> = {
  'video/webm': 'audio/webm',
  'video/mp4': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'image/jpg': 'image/jpeg',
};
const canonical = (type: string): string => SAME_CONTAINER[type.toLowerCase()] ?? type.toLowerCase();

/**
 * The sniffed media type of `bytes` if it is one of `allowed`; otherwise a 415 that names what
 * was detected and what the operation accepts.
 */
export function requireMediaType(field: string, bytes: Uint8Array, allowed: readonly string[]): string {
  const detected = sniffMediaType(bytes);
  if (detected && allowed.some((a) => canonical(a) === detected)) return detected;
  const accepts = `this operation accepts ${allowed.join(', ')}`;
  throw unsupportedMediaType(
    detected
      ? `'${field}' is ${detected}; ${accepts}.`
      : `'${field}' is not a recognised file type (its first bytes match no supported format); ${accepts}.`,
  );
}

/** PDF delimiters and whitespace end a name token (`/Page` vs `/Pages`, `/PageLabels`). */
const NAME_END = '(?=[\\s()<>\\[\\]{}/%]|$)';
const TYPE_PAGE = new RegExp(`/Type\\s*/Page${NAME_END}`);
const TYPE_PAGES = new RegExp(`/Type\\s*/Pages${NAME_END}`);
const TYPE_OBJSTM = new RegExp(`/Type\\s*/ObjStm${NAME_END}`);
const OBJ_HEADER = /(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj(?![A-Za-z])/g;

interface PdfObjects {
  /** Object number → the dictionary part of its latest definition (before any `stream`). */
  readonly dicts: Map<number, string>;
  readonly hasObjectStreams: boolean;
}

/**
 * Split a PDF (as latin1 text) into its top-level objects in one linear pass. Later definitions
 * of an object number (incremental updates) replace earlier ones.
 */
function scanObjects(text: string): PdfObjects {
  const headers: { num: number; start: number; bodyStart: number }[] = [];
  for (const m of text.matchAll(OBJ_HEADER)) {
    headers.push({ num: Number(m[1]), start: m.index, bodyStart: m.index + m[0].length });
  }
  const dicts = new Map<number, string>();
  let hasObjectStreams = false;
  // The next `endobj` at or after the current body (text.length once there is none): found by
  // moving forward only, so a file of object headers without `endobj` stays linear.
  let endobj = -1;
  headers.forEach((h, i) => {
    const next = headers[i + 1]?.start ?? text.length;
    if (endobj < h.bodyStart) {
      const found = text.indexOf('endobj', h.bodyStart);
      endobj = found === -1 ? text.length : found;
    }
    const end = Math.min(next, endobj);
    let body = text.slice(h.bodyStart, end);
    const stream = body.search(/(?<![A-Za-z])stream(?:\r\n|\r|\n)/);
    if (stream !== -1) body = body.slice(0, stream);
    if (TYPE_OBJSTM.test(body)) hasObjectStreams = true;
    dicts.set(h.num, body);
  });
  return { dicts, hasObjectStreams };
}

const refTo = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R(?![A-Za-z])`).exec(dict);
  return m ? Number(m[1]) : undefined;
};
const countOf = (dict: string): number | undefined => {
  const m = /\/Count\s+(\d+)/.exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** /Count of the page tree root reached from the last trailer's /Root → catalog /Pages. */
function countFromTrailer(text: string, dicts: Map<number, string>): number | undefined {
  const roots = [...text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)];
  const rootNum = roots.length > 0 ? Number(roots[roots.length - 1]?.[1]) : undefined;
  const catalog = rootNum === undefined ? undefined : dicts.get(rootNum);
  const pagesNum = catalog === undefined ? undefined : refTo(catalog, 'Pages');
  const pages = pagesNum === undefined ? undefined : dicts.get(pagesNum);
  return pages !== undefined && TYPE_PAGES.test(pages) ? countOf(pages) : undefined;
}

/**
 * A best-effort page count for a PDF, with no PDF library; undefined when it cannot be trusted.
 *
 * In order of reliability:
 * 1. `/Count` of the page tree root, found from the trailer's `/Root` → catalog → `/Pages`
 *    (or, failing that, the largest `/Count` of a `/Type /Pages` node with no `/Parent`).
 * 2. The number of distinct `/Type /Page` objects (`/Type/Page` too; not `/Pages`), counting the
 *    latest definition of each object number once so incremental updates do not double-count —
 *    only when the file has no compressed object streams.
 * 3. `/N` of a linearization dictionary.
 *
 * Limits: PDF 1.5+ files that keep their page tree in compressed object streams (`/Type /ObjStm`)
 * hide both the tree and the page objects; then this returns undefined rather
 * than guess from the pages it can see. Malformed or non-PDF input also gives undefined. A page
 * count for a file whose /Count is wrong (broken writer) follows the /Count, as viewers do.
 */
export function countPdfPages(bytes: Uint8Array): number | undefined {
  if (sniffMediaType(bytes) !== 'application/pdf') return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const { dicts, hasObjectStreams } = scanObjects(text);

  const fromTrailer = countFromTrailer(text, dicts);
  if (fromTrailer !== undefined && fromTrailer > 0) return fromTrailer;

  let rootCount: number | undefined;
  let pageObjects = 0;
  for (const dict of dicts.values()) {
    if (TYPE_PAGE.test(dict)) pageObjects += 1;
    else if (TYPE_PAGES.test(dict) && !/\/Parent\s/.test(dict)) {
      const n = countOf(dict);
      if (n !== undefined) rootCount = Math.max(rootCount ?? 0, n);
    }
  }
  if (rootCount !== undefined && rootCount > 0) return rootCount;
  if (!hasObjectStreams && pageObjects > 0) return pageObjects;

  const linearized = /\/Linearized\s+[\d.]+[^>]*?\/N\s+(\d+)/.exec(text.slice(0, 2048));
  if (linearized) return Number(linearized[1]);
  return undefined;
}
