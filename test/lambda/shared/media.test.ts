import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { HttpError } from '../../../lambda/shared/errors';
import {
  countPdfPages,
  decodeBase64,
  decodedLength,
  formatBytes,
  MB,
  requireMediaType,
  sniffMediaType,
} from '../../../lambda/shared/media';

const SAMPLES = path.join(__dirname, '../../../samples');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name));

/** The HttpError a call throws (fails the test if it throws nothing or something else). */
function httpError(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

const bytes = (...b: number[]) => Uint8Array.from(b);
const withAscii = (s: string, rest: number[] = []) => Uint8Array.from([...Buffer.from(s, 'latin1'), ...rest]);

describe('decodeBase64', () => {
  test.each([
    ['', 'Zg==', 'f'],
    ['', 'Zm8=', 'fo'],
    ['', 'Zm9v', 'foo'],
    ['', 'Zm9vYmFy', 'foobar'],
    ['data:application/pdf;base64,', 'Zm9vYg==', 'foob'],
    ['DATA:image/png;BASE64,', 'Zm9vYmE=', 'fooba'],
    ['data:;base64,', 'Zm9v', 'foo'],
    ['data:application/pdf;name=a.pdf;base64,', 'Zm9v', 'foo'],
  ])('decodes %s%s', (prefix, b64, text) => {
    expect(decodeBase64('document', prefix + b64, 100).toString('latin1')).toBe(text);
  });

  test('round-trips any bytes (RFC 4648 standard alphabet, padded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (data) => {
        const b64 = Buffer.from(data).toString('base64');
        expect(decodeBase64('f', b64, 300).equals(Buffer.from(data))).toBe(true);
      }),
    );
  });

  test('accepts exactly the canonical encodings: anything else is a 400', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n*'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 24 }), (chars) => {
        const s = chars.join('');
        const canonical = Buffer.from(s, 'base64').toString('base64') === s;
        let status: number | 'ok' = 'ok';
        try {
          decodeBase64('f', s, 1000);
        } catch (e) {
          status = (e as HttpError).status;
        }
        expect(status).toBe(canonical ? 'ok' : 400);
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['', /'image' is empty/],
    ['data:image/png;base64,', /'image' is empty/],
    ['data:text/plain,hello', /data URL that is not base64/],
    ['Zm9v\nYmFy', /a line break at position 4/],
    ['Zm9v YmFy', /a space at position 4/],
    ['Zm9v\tYmFy', /a tab/],
    ['Zm9v-_Fy', /'-' \(the URL-safe alphabet/],
    ['Zm9v_mFy', /'_' \(the URL-safe alphabet/],
    ['Zm9v*mFy', /'\*' \(U\+002A\) at position 4/],
    ['Zm9vémFy', /U\+00E9 at position 4/],
    ['Zm=9vmFy', /'=' padding before the end at position 2/],
    ['Z===', /'=' padding before the end/],
    ['Zm9vY', /length \(5\) is not a multiple of 4/],
    ['Zg', /length \(2\) is not a multiple of 4/],
    ['Zg=', /length \(3\) is not a multiple of 4/],
    ['Zm9v=', /'=' padding before the end|not a multiple of 4/],
    ['Zh==', /not canonical/],
    ['Zm9=', /not canonical/],
    ['data:image/png;base64,Zm9v!', /'!' \(U\+0021\) at position 26/],
  ])('rejects %j with a 400 naming the field', (value, message) => {
    const err = httpError(() => decodeBase64('image', value, 100));
    expect(err.status).toBe(400);
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toMatch(/'image'/);
    expect(err.message).toMatch(message);
  });

  test('a value that is not a string is a 400, not a crash', () => {
    expect(httpError(() => decodeBase64('image', 42 as unknown as string, 100)).status).toBe(400);
  });

  test('the decoded size may equal the limit but not exceed it', () => {
    expect(decodeBase64('image', Buffer.alloc(9).toString('base64'), 9)).toHaveLength(9);
    expect(decodeBase64('image', Buffer.alloc(8).toString('base64'), 8)).toHaveLength(8);
    const err = httpError(() => decodeBase64('image', Buffer.alloc(10).toString('base64'), 9));
    expect(err.status).toBe(413);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe("'image' decodes to 10 bytes; the limit for this operation is 9 bytes.");
  });

  test('413 messages give the limit in MB and exact bytes (Textract 10 MB)', () => {
    const b64 = Buffer.alloc(10 * MB + 1).toString('base64');
    const err = httpError(() => decodeBase64('document', b64, 10 * MB));
    expect(err.status).toBe(413);
    expect(err.message).toBe(
      "'document' decodes to 10 MB (10,485,761 bytes); the limit for this operation is 10 MB (10,485,760 bytes).",
    );
  });

  test('size is checked from the length alone, before the content is scanned or decoded', () => {
    // Invalid characters throughout, but too big: the caller learns about the size (413).
    const spy = jest.spyOn(Buffer, 'from');
    try {
      const err = httpError(() => decodeBase64('image', '!'.repeat(8 * MB), 5 * MB));
      expect(err.status).toBe(413);
      expect(err.message).toMatch(/decodes to 6 MB \(6,291,456 bytes\).*5 MB \(5,242,880 bytes\)/);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('decodedLength and formatBytes', () => {
    expect(decodedLength(4, 0)).toBe(3);
    expect(decodedLength(4, 2)).toBe(1);
    expect(decodedLength(8, 1)).toBe(5);
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(5 * MB)).toBe('5 MB (5,242,880 bytes)');
    expect(formatBytes(4.5 * MB)).toBe('4.5 MB (4,718,592 bytes)');
  });
});

describe('sniffMediaType', () => {
  test.each([
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xdb)],
    ['image/tiff', bytes(0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0)],
    ['image/tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)],
    ['application/pdf', withAscii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')],
    ['audio/mpeg', withAscii('ID3', [0x04, 0x00, 0x00, 0, 0, 0, 0x21])],
    ['audio/mpeg', bytes(0xff, 0xfb, 0x90, 0x64, 0x00)], // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    ['audio/mpeg', bytes(0xff, 0xf3, 0x48, 0xc4)], // MPEG-2 layer III
    ['audio/mpeg', bytes(0xff, 0xe3, 0x18, 0xc4)], // MPEG-2.5 layer III
    ['audio/wav', withAscii('RIFF\x24\x08\x00\x00WAVEfmt ')],
    ['audio/flac', withAscii('fLaC\x00\x00\x00\x22')],
    ['audio/ogg', withAscii('OggS\x00\x02\x00\x00')],
    [
      'audio/webm',
      bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...Buffer.from('webm')),
    ],
    ['audio/webm', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x01)],
    ['video/x-matroska', bytes(0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88, ...Buffer.from('matroska'))],
    ['audio/mp4', withAscii('\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom')],
    ['audio/mp4', withAscii('\x00\x00\x00\x18ftypm4a \x00\x00\x00\x00')],
    ['audio/mp4', withAscii('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom')],
    ['audio/mp4', withAscii('\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2')],
    ['audio/mp4', withAscii('\x00\x00\x00\x18ftypdash\x00\x00\x00\x00iso6mp41')], // compatible brand
  ])('%s', (type, data) => {
    expect(sniffMediaType(data)).toBe(type);
  });

  test.each([
    ['empty', bytes()],
    ['one byte', bytes(0xff)],
    ['plain text', withAscii('hello world')],
    ['JSON', withAscii('{"text":"hi"}')],
    ['GIF (not accepted by the lab)', withAscii('GIF89a\x01\x00')],
    ['ADTS AAC (shares the MPEG sync word)', bytes(0xff, 0xf1, 0x50, 0x80, 0x02)],
    ['MPEG frame with reserved sample rate', bytes(0xff, 0xfb, 0x9c, 0x00)],
    ['MPEG frame with bad bitrate', bytes(0xff, 0xfb, 0xf0, 0x00)],
    ['UTF-16 BOM text', bytes(0xff, 0xfe, 0x3c, 0x00)],
    ['HEIC (ftyp, other brands)', withAscii('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic')],
    ['QuickTime', withAscii('\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ')],
    ['RIFF that is not WAVE (AVI)', withAscii('RIFF\x00\x00\x00\x00AVI LIST')],
    ['PDF header not at the start', withAscii(' %PDF-1.4')],
    ['truncated PNG signature', bytes(0x89, 0x50, 0x4e, 0x47)],
  ])('undefined for %s', (_name, data) => {
    expect(sniffMediaType(data)).toBeUndefined();
  });

  test.each([
    ['invoice-form.png', 'image/png'],
    ['invoice-form.jpg', 'image/jpeg'],
    ['street-scene.jpg', 'image/jpeg'],
    ['one-page.pdf', 'application/pdf'],
    ['two-page.pdf', 'application/pdf'],
    ['hello-en.mp3', 'audio/mpeg'],
    ['hello-en.wav', 'audio/wav'],
  ])('the committed sample %s is %s', (file, type) => {
    expect(sniffMediaType(sample(file))).toBe(type);
  });

  test('works on a Buffer view into a larger ArrayBuffer', () => {
    const big = Buffer.concat([Buffer.from('junk'), Buffer.from('%PDF-1.4\n')]);
    expect(sniffMediaType(big.subarray(4))).toBe('application/pdf');
  });
});

describe('requireMediaType', () => {
  const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const pdf = withAscii('%PDF-1.4\n');
  const webm = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x01);

  test('returns the detected type when it is allowed', () => {
    expect(requireMediaType('image', png, ['image/png', 'image/jpeg'])).toBe('image/png');
  });

  test('415 names the detected type and the allowed ones', () => {
    const err = httpError(() => requireMediaType('image', pdf, ['image/png', 'image/jpeg']));
    expect(err.status).toBe(415);
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(err.message).toBe("'image' is application/pdf; this operation accepts image/png, image/jpeg.");
  });

  test('415 for an unrecognised file says so', () => {
    const err = httpError(() => requireMediaType('document', withAscii('hello'), ['application/pdf']));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/'document' is not a recognised file type.*accepts application\/pdf\./);
  });

  test('container aliases: video/webm and video/mp4 allow the audio forms, image/jpg is image/jpeg', () => {
    expect(requireMediaType('media', webm, ['video/webm'])).toBe('audio/webm');
    expect(requireMediaType('media', withAscii('\x00\x00\x00\x18ftypmp42'), ['VIDEO/MP4'])).toBe('audio/mp4');
    expect(requireMediaType('image', bytes(0xff, 0xd8, 0xff, 0xe0), ['image/jpg'])).toBe('image/jpeg');
    expect(httpError(() => requireMediaType('media', webm, ['audio/ogg'])).status).toBe(415);
  });

  test('an empty allow-list accepts nothing', () => {
    expect(httpError(() => requireMediaType('image', png, [])).status).toBe(415);
  });
});

// ---------------------------------------------------------------------------------------------
// PDFs built in the test

interface PdfSpec {
  readonly objects: ReadonlyArray<string>;
  /** Defaults to `/Root 1 0 R`. */
  readonly trailer?: string;
  readonly header?: string;
}

/** A PDF with objects numbered from 1, an xref table and a trailer (offsets are real). */
function buildPdf({
  objects,
  trailer = '/Root 1 0 R',
  header = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n',
}: PdfSpec): Buffer {
  let out = header;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
const page = (parent = 2) => `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 612 792] >>`;

describe('countPdfPages', () => {
  test('the committed samples: one-page.pdf has 1 page, two-page.pdf has 2', () => {
    expect(countPdfPages(sample('one-page.pdf'))).toBe(1);
    expect(countPdfPages(sample('two-page.pdf'))).toBe(2);
  });

  test('reads /Count from the page tree root named by the trailer', () => {
    const pdf = buildPdf({
      objects: [catalog, '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>', page(), page(), page()],
    });
    expect(countPdfPages(pdf)).toBe(3);
  });

  test('a nested page tree: the root /Count, not the intermediate nodes', () => {
    const pdf = buildPdf({
      objects: [
        catalog,
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 5 >>',
        '<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>',
        '<< /Type /Pages /Parent 2 0 R /Kids [7 0 R 8 0 R 9 0 R] /Count 3 >>',
        page(3),
        page(3),
        page(4),
        page(4),
        page(4),
      ],
    });
    expect(countPdfPages(pdf)).toBe(5);
  });

  test('compact syntax: /Type/Page without spaces, and the root found without a trailer', () => {
    const pdf = Buffer.from(
      '%PDF-1.3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
        '2 0 obj<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R>>endobj\n4 0 obj<</Type/Page/Parent 2 0 R>>endobj\n%%EOF',
      'latin1',
    );
    expect(countPdfPages(pdf)).toBe(2);
  });

  test('without any /Count, counts /Type /Page objects but not /Pages, /PageLabels or /Page inside streams', () => {
    const pdf = buildPdf({
      objects: [
        '<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [0 << /S /D >>] >> >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] >>',
        '<</Type/Page/Parent 2 0 R>>',
        '<< /Type /Page\n/Parent 2 0 R >>',
        '<< /Length 44 >>\nstream\n/Type /Page /Type /Page /Type/Page /Count 9\nendstream',
        '<< /Type /PageLabel /S /r >>',
      ],
    });
    expect(countPdfPages(pdf)).toBe(2);
  });

  test('an incremental update that rewrites a page does not count it twice', () => {
    const base = buildPdf({
      objects: [catalog, '<< /Type /Pages /Kids [3 0 R 4 0 R] >>', page(), page()],
    }).toString('latin1');
    const update =
      '4 0 obj\n<< /Type /Page /Parent 2 0 R /Rotate 90 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
    expect(countPdfPages(Buffer.from(base + update, 'latin1'))).toBe(2);
  });

  test('an incremental update that adds a page: the latest /Count wins', () => {
    const base = buildPdf({
      objects: [catalog, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page()],
    }).toString('latin1');
    const update =
      '2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n' +
      `4 0 obj\n${page()}\nendobj\ntrailer\n<< /Size 5 /Root 1 0 R /Prev 9 >>\n%%EOF\n`;
    expect(countPdfPages(Buffer.from(base + update, 'latin1'))).toBe(2);
  });

  test('prefers the tree the trailer names over an orphaned page tree', () => {
    const pdf = buildPdf({
      objects: [
        catalog,
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        page(),
        page(),
        '<< /Type /Pages /Kids [] /Count 7 >>', // left over, referenced by nothing
      ],
    });
    expect(countPdfPages(pdf)).toBe(2);
  });

  test('falls back to a parentless /Pages node when the trailer root cannot be followed', () => {
    const pdf = buildPdf({
      objects: [
        '<< /Type /Catalog /Pages 9 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        page(),
        page(),
      ],
    });
    expect(countPdfPages(pdf)).toBe(2);
  });

  test('compressed object streams hiding the page tree: undefined rather than a guess', () => {
    // What a PDF 1.5 writer produces: catalog, page tree and pages all inside a compressed /ObjStm.
    const pdf = buildPdf({
      header: '%PDF-1.5\n',
      objects: [
        '<< /Type /ObjStm /N 4 /First 20 /Filter /FlateDecode /Length 12 >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream',
        '<< /Type /Page /Parent 9 0 R >>', // one page left uncompressed: not the whole story
        '<< /Type /XRef /Size 3 /Root 7 0 R /W [1 2 1] /Filter /FlateDecode /Length 5 >>\nstream\nxxxxx\nendstream',
      ],
      trailer: '/Root 7 0 R',
    });
    expect(countPdfPages(pdf)).toBeUndefined();
  });

  test('object streams present but the page tree root visible: its /Count is used', () => {
    const pdf = buildPdf({
      header: '%PDF-1.5\n',
      objects: [
        catalog,
        '<< /Type /Pages /Kids [4 0 R 5 0 R 6 0 R] /Count 3 >>',
        '<< /Type /ObjStm /N 3 /First 15 /Filter /FlateDecode /Length 4 >>\nstream\nxxxx\nendstream',
      ],
    });
    expect(countPdfPages(pdf)).toBe(3);
  });

  test('a linearized file whose tree is compressed: /N of the linearization dictionary', () => {
    const pdf = buildPdf({
      header: '%PDF-1.6\n',
      objects: [
        '<< /Linearized 1 /L 52311 /H [ 700 160 ] /O 4 /E 10233 /N 4 /T 51990 >>',
        '<< /Type /ObjStm /N 6 /First 40 /Filter /FlateDecode /Length 4 >>\nstream\nxxxx\nendstream',
      ],
      trailer: '/Root 9 0 R',
    });
    expect(countPdfPages(pdf)).toBe(4);
  });

  test.each([
    ['not a PDF', Buffer.from('hello, world')],
    ['an empty buffer', Buffer.alloc(0)],
    ['a PDF header and nothing else', Buffer.from('%PDF-1.4\n%%EOF\n')],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ])('undefined for %s', (_name, data) => {
    expect(countPdfPages(data)).toBeUndefined();
  });

  test('stays linear on hostile input (many object headers, no endobj)', () => {
    const hostile = Buffer.from(`%PDF-1.4\n${'1 0 obj /Type /Page '.repeat(200_000)}`, 'latin1');
    const started = Date.now();
    expect(countPdfPages(hostile)).toBe(1); // one object number, defined many times
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
