/**
 * `npm run cost [-- --calls N] [--dir cdk.out]`: the lab's cost picture from the synthesized
 * templates (synthesized first when there is no cdk.out/ yet). Offline; prints, changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCloudAssembly } from './assembly';
import { type CfnTemplate, costReport, formatReport } from './cost-report';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '1000' }, dir: { type: 'string' } },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 0) {
  process.stderr.write('--calls must be a whole number ≥ 0\n');
  process.exit(2);
}
let dir: string;
try {
  dir = ensureCloudAssembly(values.dir);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
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
