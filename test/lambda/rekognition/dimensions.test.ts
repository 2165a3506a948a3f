import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  imageDimensions,
  isBelowMinimum,
  jpegDimensions,
  MIN_IMAGE_SIDE_PX,
  pngDimensions,
} from '../../../lambda/rekognition/dimensions';

import { pngHeader, u16 } from '../../support/images';

const sample = (name: string) => fs.readFileSync(path.join(__dirname, '../../../samples', name));

/** A JPEG marker segment: FF marker, length (which counts itself), payload. */
const segment = (marker: number, payload: number[]) => [0xff, marker, ...u16(payload.length + 2), ...payload];
/** SOFn payload: precision, height, width, one component. */
const sof = (marker: number, width: number, height: number) =>
  segment(marker, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]);
const jpeg = (...parts: number[][]) => Buffer.from([0xff, 0xd8, ...parts.flat(), 0xff, 0xd9]);
const app0 = segment(0xe0, [...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const dqt = segment(0xdb, new Array(65).fill(1));
const dht = segment(0xc4, new Array(20).fill(0));
const sos = segment(0xda, [1, 1, 0, 0, 63, 0]);

describe('the committed samples', () => {
  test.each([
    ['street-scene.jpg', 800, 500],
    ['invoice-form.jpg', 1000, 700],
    ['invoice-form.png', 1000, 700],
  ])('%s is %i×%i', (name, width, height) => {
    expect(imageDimensions(sample(name))).toEqual({ width, height });
  });

  test('are big enough for Rekognition', () => {
    for (const name of ['street-scene.jpg', 'invoice-form.png']) {
      expect(isBelowMinimum(imageDimensions(sample(name))!)).toBe(false);
    }
  });
});

describe('pngDimensions', () => {
  test('reads width and height from IHDR', () => {
    expect(pngDimensions(pngHeader(79, 300))).toEqual({ width: 79, height: 300 });
    expect(pngDimensions(pngHeader(0x01020304, 1))).toEqual({ width: 0x01020304, height: 1 });
  });

  test('undefined when the signature, the IHDR chunk or the bytes are missing', () => {
    expect(pngDimensions(pngHeader(100, 100).subarray(0, 23))).toBeUndefined();
    const noIhdr = pngHeader(100, 100);
    noIhdr.write('IDAT', 12);
    expect(pngDimensions(noIhdr)).toBeUndefined();
    expect(pngDimensions(sample('street-scene.jpg'))).toBeUndefined();
  });
});

describe('jpegDimensions', () => {
  test('baseline (SOF0) and progressive (SOF2) frames, after the usual segments', () => {
    expect(jpegDimensions(jpeg(app0, dqt, sof(0xc0, 640, 480), dht, sos))).toEqual({
      width: 640,
      height: 480,
    });
    expect(jpegDimensions(jpeg(app0, sof(0xc2, 81, 79), sos))).toEqual({ width: 81, height: 79 });
  });

  test('DHT (C4), JPG (C8) and DAC (CC) are not frames', () => {
    const notFrames = [segment(0xc4, [0, ...u16(50), ...u16(50)]), segment(0xc8, [0, 0, 50, 0, 50])];
    expect(jpegDimensions(jpeg(...notFrames, segment(0xcc, [0, 0]), sof(0xc1, 120, 90), sos))).toEqual({
      width: 120,
      height: 90,
    });
  });

  test('skips an EXIF segment holding a thumbnail with its own frame header', () => {
    const thumbnail = [0xff, 0xd8, ...sof(0xc0, 16, 16), 0xff, 0xd9];
    const exif = segment(0xe1, [...Buffer.from('Exif\0\0'), ...thumbnail]);
    expect(jpegDimensions(jpeg(exif, sof(0xc0, 1024, 768), sos))).toEqual({ width: 1024, height: 768 });
  });

  test('fill bytes before a marker and standalone markers are allowed', () => {
    expect(jpegDimensions(jpeg([0xff, 0xff], app0, [0xff, 0x01], sof(0xc0, 200, 100)))).toEqual({
      width: 200,
      height: 100,
    });
  });

  test.each([
    ['not a JPEG', Buffer.from('GIF89a0000000000')],
    ['scan before any frame', jpeg(app0, sos, sof(0xc0, 10, 10))],
    ['no frame at all', jpeg(app0, dqt)],
    ['height set later by DNL (0)', jpeg(sof(0xc0, 100, 0), sos)],
    ['truncated frame header', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 8, 0])],
    ['a segment length under 2', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0])],
    ['garbage where a marker should be', Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56])],
    ['only SOI', Buffer.from([0xff, 0xd8])],
  ])('undefined for %s', (_label, bytes) => {
    expect(jpegDimensions(bytes)).toBeUndefined();
  });
});

describe('imageDimensions and isBelowMinimum', () => {
  test('dispatch on the format', () => {
    expect(imageDimensions(pngHeader(12, 34))).toEqual({ width: 12, height: 34 });
    expect(imageDimensions(jpeg(sof(0xc0, 56, 78)))).toEqual({ width: 56, height: 78 });
    expect(imageDimensions(Buffer.from('%PDF-1.4\n'))).toBeUndefined();
    expect(imageDimensions(new Uint8Array())).toBeUndefined();
  });

  test('the minimum is 80 px on each side', () => {
    expect(MIN_IMAGE_SIDE_PX).toBe(80);
    expect(isBelowMinimum({ width: 80, height: 80 })).toBe(false);
    expect(isBelowMinimum({ width: 79, height: 4000 })).toBe(true);
    expect(isBelowMinimum({ width: 4000, height: 79 })).toBe(true);
  });

  test('never throws and stays quick on arbitrary bytes, with or without a valid start', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([], [0xff, 0xd8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        fc.uint8Array({ maxLength: 512 }),
        (prefix, rest) => {
          const d = imageDimensions(Buffer.from([...prefix, ...rest]));
          if (d) {
            expect(Number.isInteger(d.width) && d.width >= 0).toBe(true);
            expect(Number.isInteger(d.height) && d.height >= 0).toBe(true);
          }
        },
      ),
    );
  });

  test('a long run of fill bytes is linear, not quadratic', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(2_000_000, 0xff)]);
    const started = Date.now();
    expect(jpegDimensions(bytes)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
