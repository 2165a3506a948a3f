import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  foldersOf,
  PRIVATE_NEEDLES,
  privateReferences,
  repoFiles,
  scanRepository,
} from '../support/standalone';

/** A sentence that cites `name`, built at run time so this file holds no needle itself. */
const citing = (name: string) => `Source: ${name} §4, third-party.`;
const folders = foldersOf(repoFiles());

describe('the project stands alone', () => {
  test('no file cites the team’s private files, their shared folder or a machine path', () => {
    expect(scanRepository()).toEqual([]);
  });

  test('the scan covers the code, the docs and this test', () => {
    const files = repoFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'lambda/shared/price-table.ts',
        'docs/textract.md',
        'docs/textract.ko.md',
        'test/scripts/standalone.test.ts',
      ]),
    );
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  describe('negative controls: the checker finds an injected reference', () => {
    test.each(PRIVATE_NEEDLES.map((n) => [n]))('%s', (needle) => {
      const text = ['// first line', `// ${citing(needle)}`].join('\n');
      expect(privateReferences('lambda/polly/schemas.ts', text, folders)).toEqual([
        { file: 'lambda/polly/schemas.ts', line: 2, found: needle },
      ]);
    });

    test('a relative path to the shared folder outside the repository', () => {
      const shared = ['..', 'shared'].join('/');
      expect(privateReferences('docs/textract.md', `See ${shared}/notes.`, folders)).toEqual([
        { file: 'docs/textract.md', line: 1, found: shared },
      ]);
      const deeper = ['..', '..', '..', 'shared'].join('/');
      expect(privateReferences('lambda/polly/schemas.ts', `from '${deeper}/x'`, folders)).toHaveLength(1);
    });

    test('in a whole-repository scan: a new file that cites one is caught, a binary one is skipped', () => {
      const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'standalone-'));
      try {
        execFileSync('git', ['init', '-q'], { cwd: repo });
        fs.mkdirSync(path.join(repo, 'lambda', 'shared'), { recursive: true });
        fs.mkdirSync(path.join(repo, 'lambda', 'polly'), { recursive: true });
        const shared = ['..', 'shared'].join('/');
        fs.writeFileSync(path.join(repo, 'lambda', 'shared', 'http.ts'), 'export const x = 1;\n');
        fs.writeFileSync(
          path.join(repo, 'lambda', 'polly', 'routes.ts'),
          `import { x } from '${shared}/http';\n`,
        );
        fs.writeFileSync(path.join(repo, 'docs.md'), `# Limits\n\n${citing(PRIVATE_NEEDLES[0]!)}\n`);
        fs.writeFileSync(path.join(repo, 'image.bin'), Buffer.from(`\0${PRIVATE_NEEDLES[1]!}`));
        expect(scanRepository(repo)).toEqual([{ file: 'docs.md', line: 3, found: PRIVATE_NEEDLES[0]! }]);
      } finally {
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });
  });

  test('a relative import of a folder that is in the repository is not a private reference', () => {
    const shared = ['..', 'shared'].join('/');
    expect(
      privateReferences('lambda/polly/routes.ts', `import { x } from '${shared}/http';`, folders),
    ).toEqual([]);
    expect(folders.has('lambda/shared')).toBe(true);
  });
});
