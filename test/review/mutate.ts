/**
 * Copies of a synthesized control assembly with exactly one exposure injected into its template (or
 * its metadata): the negative controls of test/review/exposures.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Json = Record<string, any>;

/** A copy of `dir` whose `Control` template and metadata `edit` changes. */
export function mutated(dir: string, name: string, edit: (template: Json, metadata: Json) => void): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `ai-lab-review-${name}-`));
  fs.cpSync(dir, out, { recursive: true });
  const templateFile = path.join(out, 'Control.template.json');
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as Json;
  const metadataFile = path.join(out, 'Control.metadata.json');
  const metadata = fs.existsSync(metadataFile)
    ? (JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Json)
    : {};
  edit(template, metadata);
  fs.writeFileSync(templateFile, JSON.stringify(template, null, 1));
  fs.writeFileSync(metadataFile, JSON.stringify(metadata, null, 1));
  return out;
}

export const idOf = (t: Json, type: string, contains = ''): string =>
  Object.entries(t.Resources as Json).find(([id, r]) => r.Type === type && id.includes(contains))![0];

/** The function's identity policy statements. */
export const policyOf = (t: Json): Json[] =>
  t.Resources[idOf(t, 'AWS::IAM::Policy')].Properties.PolicyDocument.Statement;
