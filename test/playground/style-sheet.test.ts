/**
 * The page's style sheet lives in parts (playground/app/styles/, each under the house's 600 lines)
 * and is served as one /style.css: every part, in order, and no part forgotten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STYLE_PARTS, styleSheet } from '../../playground/assets';

const dir = path.join(__dirname, '..', '..', 'playground', 'app', 'styles');

test('/style.css is every part of playground/app/styles, in order', () => {
  const css = styleSheet().body.toString('utf8');
  expect([...STYLE_PARTS].sort()).toEqual(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.css'))
      .sort(),
  );
  const parts = STYLE_PARTS.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  expect(css).toBe(parts.join(''));
  // The page's variables come first (the results part uses them), then the results' rules.
  expect(css.indexOf(':root')).toBeLessThan(css.indexOf('/* Results */'));
  expect(css).toMatch(/\.output\s*\{/);
  expect(css).not.toMatch(/@import|url\(\s*["']?https?:/);
});
