/** The playground server's page and samples (what it serves, with which headers), and its command line. */
import { CliError } from '../../cli/signer';
import { listedSamples } from '../../playground/assets';
import { DEFAULT_PORT, parseOptions } from '../../playground/server';
import { request, useServerLab } from './server-lab';

useServerLab();

describe('the page and the samples', () => {
  test('the page, its script (bundled from TypeScript) and style, with a strict CSP', async () => {
    const page = await request({ path: '/' });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).toContain('data-poll-interval-ms="20"');
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const js = await request({ path: '/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('X-Playground');
    expect(js.text).not.toMatch(/\bimport\s*\(|from\s+["']https?:/);
    const css = await request({ path: '/style.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).not.toMatch(/@import|url\(\s*["']?https?:/);
  });

  test('only the samples samples/README.md lists are served', async () => {
    const listed = [...listedSamples().keys()];
    expect(listed).toEqual(
      expect.arrayContaining(['street-scene.jpg', 'hello-en.mp3', 'text/pii.json', 'prompts/ask-notes.json']),
    );
    expect(listed).not.toContain('make-samples.sh');
    const pii = await request({ path: '/samples/text/pii.json' });
    expect(pii.status).toBe(200);
    expect(pii.json.text).toContain('Jane Doe');
    const jpg = await request({ path: '/samples/street-scene.jpg' });
    expect(jpg.headers['content-type']).toBe('image/jpeg');
    for (const p of [
      '/samples/make-samples.sh',
      '/samples/README.md',
      '/samples/%2e%2e/package.json',
      '/samples/..%2fpackage.json',
      '/samples/%E0%A4%A',
      '/package.json',
      '/playground/server.ts',
    ]) {
      expect((await request({ path: p })).status).toBe(404);
    }
    expect((await request({ method: 'POST', path: '/' })).status).toBe(405);
  });
});

describe('the command line', () => {
  test('defaults, and the options the CLI takes', () => {
    expect(parseOptions([])).toEqual({
      port: DEFAULT_PORT,
      help: false,
      globals: { region: undefined, profile: undefined, outputsFile: undefined, prefix: undefined },
    });
    expect(
      parseOptions([
        '--port',
        '5000',
        '--outputs-file',
        'out.json',
        '--region',
        'eu-west-1',
        '--profile',
        'lab',
        '--prefix',
        'Kim',
      ]),
    ).toEqual({
      port: 5000,
      help: false,
      globals: { region: 'eu-west-1', profile: 'lab', outputsFile: 'out.json', prefix: 'Kim' },
    });
  });

  test('a bad port or an unknown option is a one-line error', () => {
    expect(() => parseOptions(['--port', 'http'])).toThrow(
      '--port must be a port number (0-65535), got http.',
    );
    expect(() => parseOptions(['--port', '70000'])).toThrow(CliError);
    expect(() => parseOptions(['--host', '0.0.0.0'])).toThrow(/Unknown option '--host'/);
  });
});
