import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogueMarkdown } from '../../scripts/readme-catalogue';

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
  const fs = require('node:fs') as typeof import('node:fs');
  const { regionsMarkdown, PAGES } = require('../../scripts/regions-doc') as typeof import('../../scripts/regions-doc');
  for (const lang of ['en', 'ko'] as const) {
    expect(fs.readFileSync(require('node:path').join(__dirname, '..', '..', PAGES[lang]), 'utf8')).toContain(regionsMarkdown(lang));
  }
});
