/**
 * The lean install (`npm ci --omit=dev`, README "Set up") brings only package.json's
 * `dependencies`. Everything a learner runs around a deployment — synth (bin/, lib/), the bundled
 * functions (lambda/), the CLI, the playground, the eval and the cost report — must import nothing
 * from `devDependencies`. This finds a misplaced package at once, without an install;
 * `scripts/lean-install.sh` (in CI) proves the install itself and measures it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { runtimeSpecifiers } from '../support/house';

const REPO = path.join(__dirname, '..', '..');
/**
 * What the lean install must run, the review included (a learner in AWS CloudShell reviews what they
 * deploy, docs/seoul.md). bench/ is the maintainers' tool. The review's Control Tower section loads
 * cfn-guard (a development dependency) with require() inside a try, and says when it is missing.
 */
const LEAN_DIRS = ['bin', 'lib', 'lambda', 'cli', 'playground', 'scripts', 'eval', 'review'];

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)));
}

/** The package a module specifier names (`@aws-sdk/client-s3/dist` → `@aws-sdk/client-s3`). */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Packages a file loads at run time: imports, re-exports, import() and require(), not `import type`. */
function runtimeImports(fileName: string, text: string): string[] {
  return runtimeSpecifiers(fileName, text)
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map(packageOf);
}

/** `file: package` for each runtime import that `dependencies` does not have. */
function missingFromDependencies(
  files: ReadonlyArray<{ name: string; text: string }>,
  dependencies: Readonly<Record<string, string>>,
): string[] {
  return files.flatMap((f) =>
    runtimeImports(f.name, f.text)
      .filter((p) => !Object.hasOwn(dependencies, p))
      .map((p) => `${f.name}: ${p}`),
  );
}

test('synth, the functions, the CLI, the playground, the eval, the review and scripts/ import only `dependencies`', () => {
  const files = LEAN_DIRS.flatMap(sourceFiles).map((name) => ({
    name,
    text: readFileSync(path.join(REPO, name), 'utf8'),
  }));
  expect(files.length).toBeGreaterThan(50);
  expect(missingFromDependencies(files, pkg.dependencies)).toEqual([]);
});

test('negative control: a CLI file that imports a development tool is named', () => {
  const files = [
    {
      name: 'cli/new-command.ts',
      text: [
        "import type { Handler } from 'aws-lambda';", // types only: erased, allowed
        "import { z } from 'zod';",
        "import { chromium } from 'playwright-core';",
        "export { Biome } from '@biomejs/biome/sub';",
        "const ts = require('typescript');",
        "import * as fs from 'node:fs';",
        "import * as os from 'os';",
      ].join('\n'),
    },
  ];
  expect(missingFromDependencies(files, pkg.dependencies)).toEqual([
    'cli/new-command.ts: playwright-core',
    'cli/new-command.ts: @biomejs/biome',
    'cli/new-command.ts: typescript',
  ]);
});

test('what `cdk synth` and the npm scripts a learner runs start with is a dependency', () => {
  const cdk = JSON.parse(readFileSync(path.join(REPO, 'cdk.json'), 'utf8')) as { app: string };
  expect(cdk.app).toMatch(/--import tsx /);
  for (const tool of ['aws-cdk', 'tsx', 'esbuild', 'aws-cdk-lib', 'constructs', 'cdk-nag']) {
    expect(Object.keys(pkg.dependencies)).toContain(tool);
  }
  for (const script of ['synth', 'cdk', 'cost', 'demo', 'smoke', 'playground', 'eval', 'doctor', 'review']) {
    expect(pkg.scripts[script]).toMatch(/^(cdk|tsx)( |$)/);
  }
  // …and the test, lint and browser tooling is not.
  for (const tool of ['jest', 'typescript', '@biomejs/biome', '@sparticuz/chromium', 'playwright-core']) {
    expect(Object.keys(pkg.devDependencies)).toContain(tool);
  }
  const ci = readFileSync(path.join(REPO, '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/^bash scripts\/lean-install\.sh$/m);
});
