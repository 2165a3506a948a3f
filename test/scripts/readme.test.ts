import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogueMarkdown } from '../../scripts/readme-catalogue';
import { PAGES, regionsMarkdown } from '../../scripts/regions-doc';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README catalogue and diagram match lib/services.ts (run npm run docs)', () => {
  expect(readme).toContain(catalogueMarkdown());
});

test('the README keeps the two set-up commands true', () => {
  expect(readme).toContain('npm ci && npx cdk synth');
  expect(readme).toContain('npm test');
  const ci = fs.readFileSync(path.join(__dirname, '..', '..', '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/npm ci/);
  expect(ci).toMatch(/npm test/);
});

test('docs/regions.md and docs/regions.ko.md hold the current Region table (run npm run docs)', () => {
  for (const lang of ['en', 'ko'] as const) {
    const page = fs.readFileSync(path.join(__dirname, '..', '..', PAGES[lang]), 'utf8');
    expect(page).toContain(regionsMarkdown(lang));
  }
});
