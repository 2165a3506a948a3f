/**
 * Every CLI action against the stand-in: the request each one sends (method, path, query, JSON
 * fields, base64 of the sample), signed with the injected credentials and accepted by the demos'
 * own schemas; readable and --json output. Polly's audio download, uploads and job waiting are in
 * commands-files.test.ts, errors and help in commands-errors.test.ts.
 */
import { ACTIONS, buildProgram } from '../../cli/commands';
import { SERVICES } from '../../lib/services';
import { routeKey, TEXT, useCliLab } from './cli-lab';
import { commandCases } from './command-cases';
import { sample } from './harness';
import { FAKE_MP3, TEST_CREDENTIALS, TEST_REGION } from './stand-in';

const cliLab = useCliLab();
const { lab, cli, expectOk } = cliLab;
const CASES = commandCases(cliLab);

describe('the command table follows the catalogue', () => {
  const catalogue = SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));

  test('one action per catalogue route, and none for a route the catalogue lacks', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...catalogue].sort());
  });

  test('every demo is a command, every route an action under it', () => {
    const program = buildProgram({}, () => {});
    expect(program.commands.map((c) => c.name())).toEqual(SERVICES.map((s) => s.id));
    for (const s of SERVICES) {
      const group = program.commands.find((c) => c.name() === s.id)!;
      expect(group.commands).toHaveLength(s.routes.length);
    }
  });
});

describe('request shape of every action', () => {
  const covered = new Set<string>();

  test.each(CASES.map((c, i) => [`${c.route} #${i}`, c] as const))('%s', async (_name, c) => {
    const argv = await c.argv(lab.api);
    lab.api.reset();
    const run = await cli(...argv);
    expectOk(run);
    const sent = lab.api.requests.filter((r) => routeKey(r) === c.route);
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    covered.add(c.route);
    // Exactly the fields given (strict schemas on the API side would refuse extras).
    if (c.body) expect(req.body).toEqual(c.body);
    else expect(req.body).toBeUndefined();
    if (c.query) expect(req.query).toEqual(c.query);
    for (const [name, pattern] of Object.entries(c.params ?? {})) expect(req.params[name]).toMatch(pattern);
    // Signed as API Gateway expects (the stand-in checked the signature itself).
    expect(req.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/\\d{8}/${TEST_REGION}/execute-api/aws4_request, `,
      ),
    );
    expect(req.headers['x-amz-security-token']).toBe(TEST_CREDENTIALS.sessionToken);
    expect(req.headers.accept).toBe(c.accept ?? 'application/json');
    if (req.method === 'POST') expect(req.headers['content-type']).toBe('application/json');
  });

  test('the cases cover every route of the catalogue', () => {
    const catalogue = SERVICES.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));
    expect([...covered].sort()).toEqual([...catalogue].sort());
  });
});

describe('output', () => {
  test('readable by default: fields as lines, the usage block as a cost line, the request id', async () => {
    const run = await cli('comprehend', 'sentiment', '--text', TEXT, '--language-code', 'en');
    expectOk(run);
    expect(run.stdout).toContain('sentiment: MIXED\n');
    expect(run.stdout).toContain('scores: positive: 0.412, negative: 0.103, neutral: 0.021, mixed: 0.464\n');
    expect(run.stdout).toMatch(
      /^usage: 3 Comprehend units of 100 characters \(requests 1, characters 49\) ≈ \$0\.0003$/m,
    );
    expect(run.stdout).toMatch(/^requestId: standin-\d{4}$/m);
    expect(run.stderr).toBe('');
  });

  test('--json prints the response body as JSON, before or after the action', async () => {
    for (const argv of [
      ['--json', 'translate', 'text', '--text', TEXT, '--target', 'ko'],
      ['translate', 'text', '--text', TEXT, '--target', 'ko', '--json'],
    ]) {
      const run = await cli(...argv);
      expectOk(run);
      const body = JSON.parse(run.stdout);
      expect(body).toMatchObject({
        translatedText: expect.any(String),
        targetLanguage: 'ko',
        usage: { unit: 'characters', quantity: TEXT.length },
        requestId: expect.stringMatching(/^standin-/),
      });
    }
  });

  test('long base64 and geometry stay out of the readable output', async () => {
    const run = await cli('polly', 'speech', '--text', 'Hello');
    expectOk(run);
    expect(run.stdout).toContain(`audioBase64: <${FAKE_MP3.toString('base64').length} characters of base64>`);
    expect(run.stdout).toContain("hint: Send 'Accept: audio/mpeg' to receive the audio itself.");
  });

  test('tables print as rows, multi-line text as a block', async () => {
    const run = await cli('textract', 'analyze', '--document', sample('invoice-form.png'));
    expectOk(run);
    expect(run.stdout).toContain(
      'tables:\n  - page: 1\n    rows:\n      - Item | Qty | Price\n      - Widget | 2 | $10.00\n',
    );
  });
});
