/** The image-token estimate for Amazon Nova, against the examples of the Amazon Nova User Guide it is built on. */
import { estimateNovaImageTokens, NOVA_IMAGE_TOKENS } from '../../../lambda/shared/tokens';

test.each(NOVA_IMAGE_TOKENS.map((p) => [p.width, p.height, p.tokens]))(
  'the guide’s example %i × %i px gives its %i tokens exactly',
  (width, height, tokens) => {
    expect(estimateNovaImageTokens(width, height).tokens).toBe(tokens);
    expect(estimateNovaImageTokens(height, width).tokens).toBe(tokens); // "HxW or WxH"
  },
);

test('the guide’s worked example: 800 × 400 is scaled up to about 900 × 450, about 800 tokens', () => {
  const e = estimateNovaImageTokens(800, 400);
  expect(e.tokens).toBeGreaterThanOrEqual(780);
  expect(e.tokens).toBeLessThanOrEqual(800);
});

test('between the examples it interpolates by area; beyond the largest it says so', () => {
  const invoice = estimateNovaImageTokens(1000, 700); // the lab's invoice samples
  expect(invoice.tokens).toBeGreaterThan(800);
  expect(invoice.tokens).toBeLessThan(1300);
  expect(invoice.beyondTable).toBe(false);
  const big = estimateNovaImageTokens(4000, 3000);
  expect(big.beyondTable).toBe(true);
  expect(big.tokens).toBeGreaterThan(2600);
  const sizes = [300, 600, 900, 1200, 1500, 2000].map((s) => estimateNovaImageTokens(s, s).tokens);
  expect([...sizes].sort((a, b) => a - b)).toEqual(sizes); // never fewer tokens for a larger image
});
