/**
 * Two synths in a row — real esbuild bundles included — give byte-identical templates and
 * asset hashes, so reviewers can diff synth output and snapshots hold across machines
 * (the stacks are environment-agnostic: no account or Region is baked in).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTestLab } from '../support/lab';

function synthTemplates(): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-synth-'));
  buildTestLab({}, { bundle: true, outdir }).app.synth();
  return Object.fromEntries(
    fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]),
  );
}

test('two synths produce identical templates (bundles included)', () => {
  const first = synthTemplates();
  const second = synthTemplates();
  expect(Object.keys(first).length).toBeGreaterThanOrEqual(5);
  expect(second).toEqual(first);
  for (const template of Object.values(first)) {
    expect(template).not.toMatch(/\b\d{12}\b/); // no account id baked in
    expect(template).not.toMatch(/"(us|eu|ap|ca|sa)-[a-z]+-\d"/); // no Region baked in
  }
});
