/**
 * `npm run cost [-- --calls N] [--dir cdk.out]`: the lab's cost picture from the synthesized
 * templates (run `npx cdk synth` first). Offline; prints, changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type CfnTemplate, costReport, formatReport } from './cost-report';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '1000' }, dir: { type: 'string', default: 'cdk.out' } },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 0) {
  process.stderr.write('--calls must be a whole number ≥ 0\n');
  process.exit(2);
}
const dir = values.dir ?? 'cdk.out';
if (!fs.existsSync(dir)) {
  process.stderr.write(`No ${dir}/ here: run \`npx cdk synth\` first (offline, no AWS account needed).\n`);
  process.exit(2);
}
const templates: Record<string, CfnTemplate> = {};
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.template.json'))
  .sort()) {
  templates[file.replace(/\.template\.json$/, '')] = JSON.parse(
    fs.readFileSync(path.join(dir, file), 'utf8'),
  );
}
process.stdout.write(`${formatReport(costReport(templates, calls), calls)}\n`);
