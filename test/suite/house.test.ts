/**
 * The house rules, checked on every tracked file: no file over 600 lines (recorded data aside), the
 * layers point down (lambda/ at the ground, lib/ above it, the tools — bin, cli, review, eval,
 * playground, scripts, bench — above that), and no imports form a cycle. Each check is shown
 * failing on a made-up tree first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCycles, importGraph, MAX_LINES, overLong, upwardImports } from '../support/house';

const ROOT = path.join(__dirname, '..', '..');

/** Every tracked file that is text (a NUL byte marks a binary one), by its path in the repository. */
function trackedTexts(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  const texts = new Map<string, string>();
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(ROOT, f));
    if (!bytes.includes(0)) texts.set(f, bytes.toString('utf8'));
  }
  return texts;
}

const repo = trackedTexts();
const graph = importGraph(repo);

describe('negative controls on a made-up tree', () => {
  const tree = new Map<string, string>([
    ['lambda/shared/a.ts', "import { b } from './b';\nexport const a = 1;\n"],
    ['lambda/shared/b.ts', "import { a } from './a';\nexport const b = 2;\n"],
    ['lambda/x/handler.ts', "import { conf } from '../../lib/config';\n"],
    ['lib/config.ts', "import { a } from '../lambda/shared/a';\nexport const conf = a;\n"],
    // Type-only both ways: erased at run time, no cycle.
    ['lib/x.ts', "import type { Y } from './y';\nexport type X = Y;\n"],
    ['lib/y.ts', "import { type X } from './x';\nexport type Y = X;\n"],
    ['cli/bin.ts', "import { conf } from '../lib/config';\n"],
    ['test/long.test.ts', 'x\n'.repeat(MAX_LINES + 1)],
    ['test/fixtures/textract/big.json', '{}\n'.repeat(MAX_LINES + 1)],
  ]);
  const g = importGraph(tree);

  test('a file one line over the limit is named; recorded data is not', () => {
    expect(overLong(tree)).toEqual([`test/long.test.ts (${MAX_LINES + 1} lines)`]);
  });

  test('an import from the ground up to lib/ is named; lib/ down to lambda/ and a tool to lib/ are not', () => {
    expect(upwardImports(g)).toEqual(['lambda/x/handler.ts → lib/config.ts']);
  });

  test('a cycle is named with its files; a chain is not', () => {
    expect(importCycles(g)).toEqual([['lambda/shared/a.ts', 'lambda/shared/b.ts']]);
    g.set('lambda/shared/b.ts', []);
    expect(importCycles(g)).toEqual([]);
  });
});

test('the graph is the project’s: lambda, lib and the tools, with their relative imports', () => {
  expect(graph.size).toBeGreaterThan(200);
  expect(graph.get('bin/ai-services-lab.ts')).toEqual(expect.arrayContaining(['lib/app.ts']));
  expect(graph.get('lib/app.ts')?.length).toBeGreaterThan(5);
});

test(`no file of the project is over ${MAX_LINES} lines`, () => {
  expect(overLong(repo)).toEqual([]);
});

test('the layers point down: lambda/ imports nothing above it, lib/ nothing of the tools', () => {
  expect(upwardImports(graph)).toEqual([]);
});

test('no imports form a cycle', () => {
  expect(importCycles(graph)).toEqual([]);
});
