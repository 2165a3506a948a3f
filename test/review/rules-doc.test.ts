/** docs/review.md and its Korean twin list every rule a CI gate can meet, with its severity as review/rules.ts sets it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../review/rules';

const ROOT = path.join(__dirname, '..', '..');
const rules = Object.values(RULES);

/** The rules a page's table lacks, or states with another severity (`| \`LAB-…\` | error |`). */
function undocumented(page: string): string[] {
  return rules
    .filter((r) => !new RegExp(`\\| \`${r!.id}\` \\| ${r!.severity} \\|`).test(page))
    .map((r) => r!.id);
}

test.each(['docs/review.md', 'docs/review.ko.md'])('%s lists every rule with its severity', (file) => {
  expect(undocumented(fs.readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
});

test('negative control: a dropped row and a changed severity are caught', () => {
  const page = fs.readFileSync(path.join(ROOT, 'docs/review.md'), 'utf8');
  const dropped = page.replace(/^\| `LAB-EXPO-NOT-PRINCIPAL` .*\n/m, '');
  expect(undocumented(dropped)).toEqual(['LAB-EXPO-NOT-PRINCIPAL']);
  const lowered = page.replace('| `LAB-IAM-PASSROLE-ANY` | error |', '| `LAB-IAM-PASSROLE-ANY` | warning |');
  expect(undocumented(lowered)).toEqual(['LAB-IAM-PASSROLE-ANY']);
});
