/**
 * Width and height of a PNG or JPEG read from its header (PNG IHDR, JPEG SOF marker), without
 * decoding the image, so a picture smaller than Rekognition's 80-pixel minimum is a 400 before
 * any billed call. Pure: no AWS calls, no logging. Undefined means "could not tell cheaply", and
 * the caller leaves the decision to Rekognition.
 */

/** Rekognition's minimum image height and width in pixels (https://docs.aws.amazon.com/rekognition/latest/dg/limits.html). */
export const MIN_IMAGE_SIDE_PX = 80;

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const u16 = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) * 0x10000 + u16(b, i + 2)) >>> 0;

/**
 * PNG: the IHDR chunk must come first (PNG spec §5.6), right after the 8-byte signature:
 * length (4) · "IHDR" (4) · width (4) · height (4), big-endian.
 */
export function pngDimensions(bytes: Uint8Array): Dimensions | undefined {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return undefined;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: u32(bytes, 16), height: u32(bytes, 20) };
}

/**
 * Start-of-frame markers, which carry the image size: SOF0–3, 5–7, 9–11, 13–15. Not C4 (DHT),
 * C8 (JPG extension) or CC (DAC), which share the range.
 */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Markers with no length field: TEM and RST0–7 (SOI only appears first). */
const standalone = (m: number): boolean => m === 0x01 || m === 0xd8 || (m >= 0xd0 && m <= 0xd7);

/**
 * JPEG: walk the marker segments after SOI (FF D8), jumping over each by its length, to the first
 * start-of-frame segment: FF Cn · length (2) · precision (1) · height (2) · width (2). Segments
 * such as an EXIF block (which may hold a thumbnail with its own SOF) are skipped, not scanned.
 * Stops at start-of-scan or end-of-image. A height of 0 (set later by a DNL marker) is unknown.
 */
export function jpegDimensions(bytes: Uint8Array): Dimensions | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined; // not at a marker: malformed
    let marker = bytes[i + 1] ?? 0;
    while (marker === 0xff && i + 2 < bytes.length) {
      i += 1; // fill bytes before a marker
      marker = bytes[i + 1] ?? 0;
    }
    i += 2;
    if (standalone(marker)) continue;
    if (marker === 0xda || marker === 0xd9 || marker === 0xff) return undefined; // SOS / EOI / truncated
    if (i + 2 > bytes.length) return undefined;
    const length = u16(bytes, i);
    if (length < 2) return undefined;
    if (SOF_MARKERS.has(marker)) {
      if (length < 7 || i + 7 > bytes.length) return undefined;
      const height = u16(bytes, i + 3);
      const width = u16(bytes, i + 5);
      return height === 0 ? undefined : { width, height };
    }
    i += length;
  }
  return undefined;
}

/** The size of a PNG or JPEG from its header, or undefined for other or malformed input. */
export function imageDimensions(bytes: Uint8Array): Dimensions | undefined {
  return pngDimensions(bytes) ?? jpegDimensions(bytes);
}

/** True when either side is under the minimum. */
export function isBelowMinimum(d: Dimensions, min = MIN_IMAGE_SIDE_PX): boolean {
  return d.width < min || d.height < min;
}
