/** The offline tools' first run: no cdk.out/ yet means synthesize first, saying so. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureCloudAssembly } from '../../scripts/assembly';

const project = () => mkdtempSync(path.join(tmpdir(), 'ai-lab-assembly-'));
const writeTemplate = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'AiLab-Test.template.json'), '{"Resources":{}}');
};

test('an existing cdk.out/ is read as it is: no synth, nothing said', () => {
  const cwd = project();
  writeTemplate(path.join(cwd, 'cdk.out'));
  const said: string[] = [];
  const synth = jest.fn(() => 0);
  expect(ensureCloudAssembly(undefined, { cwd, say: (l) => said.push(l), synth })).toBe(
    path.join(cwd, 'cdk.out'),
  );
  expect(synth).not.toHaveBeenCalled();
  expect(said).toEqual([]);
});

test('no cdk.out/ yet: synthesizes first and says so in one line', () => {
  const cwd = project();
  const said: string[] = [];
  const synth = jest.fn((dir: string) => {
    writeTemplate(path.join(dir, 'cdk.out'));
    return 0;
  });
  expect(ensureCloudAssembly(undefined, { cwd, say: (l) => said.push(l), synth })).toBe(
    path.join(cwd, 'cdk.out'),
  );
  expect(synth).toHaveBeenCalledWith(cwd, {});
  expect(said).toEqual([
    expect.stringMatching(/^No cdk\.out\/ yet: synthesizing the lab first \(npx cdk synth, offline/),
  ]);
});

test('a failed synth stops with what to do, not a stack trace', () => {
  const cwd = project();
  expect(() => ensureCloudAssembly(undefined, { cwd, say: () => {}, synth: () => 1 })).toThrow(
    /`npx cdk synth` failed \(exit 1\); fix what it printed above/,
  );
});

test('a folder the user named is never synthesized into', () => {
  const cwd = project();
  const synth = jest.fn(() => 0);
  expect(() => ensureCloudAssembly('old-cdk.out', { cwd, say: () => {}, synth })).toThrow(
    /No templates in old-cdk\.out\/: point --dir at a cloud assembly/,
  );
  expect(synth).not.toHaveBeenCalled();
});
