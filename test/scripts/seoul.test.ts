/**
 * The Seoul walk-through (docs/seoul.md, docs/seoul.ko.md) tells a learner only to run what exists:
 * its npm scripts, the demo CLI's commands and options, the doctor's and the review's options, `-c`
 * settings, sample files, links and their anchors (scripts/command-refs.ts, scripts/markdown-refs.ts).
 * Negative controls: each kind of broken command or reference injected into the page is named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../../lib/services';
import { brokenCommands, brokenPage, simpleCommands } from '../../scripts/command-refs';
import { pageFacts } from '../../scripts/docs-sync';
import { ROOT } from '../../scripts/markdown-refs';

const PAGES = ['docs/seoul.md', 'docs/seoul.ko.md'] as const;
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe.each(PAGES)('%s', (page) => {
  const text = read(page);

  test('every command, script, option, setting, sample, link and anchor on it exists', () => {
    expect(brokenPage(text, { page })).toEqual([]);
  });

  test('it walks the whole way: lean install, doctor, deploy with a prefix, every demo, review, destroy', () => {
    const commands = [...pageFacts(text).commands];
    for (const step of [
      'npm ci --omit=dev',
      'export AWS_REGION=ap-northeast-2',
      'npm run doctor -- -c prefix=Kim --lang ko',
      'npx cdk deploy --all -c prefix=Kim',
      'npm run review -- --lang ko',
      'npm run smoke',
      'npx cdk destroy --all -c prefix=Kim',
    ]) {
      expect(commands.some((c) => c.startsWith(step))).toBe(true);
    }
    // Every demo of the catalogue is called.
    const demos = new Set(
      commands
        .flatMap(simpleCommands)
        .flatMap((w) => (w.slice(0, 4).join(' ') === 'npm run demo --' ? [w[4]] : [])),
    );
    expect([...demos].sort()).toEqual(SERVICES.map((s) => s.id).sort());
    // The Korean paths: read-document for what Textract cannot read, the guardrail's Korean samples.
    for (const needle of [
      'bedrock read-document --file samples/invoice-form.ko.png',
      'samples/prompts/guardrail-harmful.ko.json',
      'samples/prompts/guardrail-prompt-attack.ko.json',
      '-c bedrockModelId=cohere.command-r-v1:0',
    ]) {
      expect(commands.some((c) => c.includes(needle))).toBe(true);
    }
    expect(text).toContain('NOT_AVAILABLE_IN_REGION');
    expect(text).toContain('apac.guardrail.v1:0');
    expect(text).toContain('https://docs.aws.amazon.com/cloudshell/latest/userguide/limits.html');
  });

  test('it says plainly that nothing on it was run against AWS', () => {
    expect(text).toMatch(
      page.endsWith('.ko.md')
        ? /\*\*이 페이지의 어떤 명령도 AWS에서 실행하지 않았습니다\.\*\*/
        : /\*\*Nothing on this page was run against AWS\.\*\*/,
    );
  });
});

test('both READMEs link the walk-through in their language', () => {
  expect(read('README.md')).toContain('](docs/seoul.md)');
  expect(read('README.ko.md')).toContain('](docs/seoul.ko.md)');
});

describe('negative controls: what does not exist is named', () => {
  const page = 'docs/seoul.md';
  const bash = (line: string) => `\`\`\`bash\n${line}\n\`\`\`\n`;
  const cases: [string, string, RegExp][] = [
    [
      'an npm script',
      bash('npm run doctr -- --lang ko'),
      /runs npm run doctr, which package.json does not have/,
    ],
    [
      'a demo command',
      bash('npm run demo -- bedrock read-doc --file samples/invoice-form.ko.png'),
      /demo bedrock has no command read-doc/,
    ],
    [
      'a demo service',
      bash('npm run demo -- sagemaker invoke --text "안녕"'),
      /demo has no command sagemaker/,
    ],
    [
      'a demo option',
      bash('npm run demo -- translate text --text "안녕" --target-language en'),
      /demo translate text has no option --target-language/,
    ],
    ['a review option', bash('npm run review -- --language ko'), /review has no option --language/],
    ['a doctor option', bash('npm run doctor -- --lang ko --fix'), /doctor has no option --fix/],
    ['a -c setting', bash('npx cdk deploy --all -c prefx=Kim'), /lib\/config.ts has no setting prefx/],
    [
      'a sample',
      bash('npm run demo -- textract text --document samples/invoice-form.kr.png'),
      /samples\/invoice-form.kr.png does not exist/,
    ],
    ['a page', 'See [the account](acount.md).\n', /docs\/acount.md does not exist/],
    [
      'an anchor',
      'See [prefixes](account.md#one-copy-per-student).\n',
      /docs\/account.md has no heading with the anchor #one-copy-per-student/,
    ],
  ];

  test.each(cases)('%s', (_kind, broken, expected) => {
    const problems = brokenPage(`${read(page)}\n${broken}`, { page });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test('a usage line (`<service>`), --help and a comment are not commands to check', () => {
    expect(
      brokenCommands(
        bash(
          [
            'npm run demo -- <service> <action> [options]',
            'npm run demo -- --help',
            'npm run demo -- bedrock stream --text "a # b"   # --not-an-option',
          ].join('\n'),
        ),
        { page },
      ),
    ).toEqual([]);
  });
});
