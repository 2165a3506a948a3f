/** Tiny image headers for tests: just the bytes the lab reads before calling AWS. */

export const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
export const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG header: signature and IHDR (no pixel data, CRC not checked). */
export function pngHeader(width: number, height: number): Buffer {
  return Buffer.from([
    ...PNG_SIGNATURE,
    ...u32(13),
    ...Buffer.from('IHDR'),
    ...u32(width),
    ...u32(height),
    8, // bit depth
    2, // colour type
    0, // compression
    0, // filter
    0, // interlace
    ...u32(0), // CRC
  ]);
}

/** A JPEG with a baseline frame header of width × height, zero-padded to `size` bytes. */
export function jpegHeader(width: number, height: number, size = 64): Buffer {
  const head = Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x0b,
    8,
    ...u16(height),
    ...u16(width),
    1,
    1,
    0x11,
    0,
  ]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length))]);
}
