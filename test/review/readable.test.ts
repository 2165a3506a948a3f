/**
 * The whole lab's review read as a reviewer reads it, in every format and both languages: no raw
 * CloudFormation (`Fn::…`, `{"Ref": …}`), no `[object Object]`, no doubled words, no empty tables or
 * sections twice; Region-mapped values described in words with the Regions they hold in, checked
 * against the CloudFormation evaluator; and a price for every model the roles may invoke in any table
 * Region. The lab is synthesized with the opt-in stacks (Shared, Dashboard) and a comparison list of
 * the notes' other providers, whose models are in-Region only, so every kind of Region value appears.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { type Assembly, readAssembly } from '../../review/assembly';
import { diffAssemblies, diffBlocks } from '../../review/diff';
import { buildDoc } from '../../review/document';
import type { Lang } from '../../review/i18n';
import { RegionView } from '../../review/region-eval';
import { renderMarkdown } from '../../review/render-md';
import { reviewAssembly, reviewStack, type StackReview } from '../../review/review';
import { viewOf } from '../../review/template';
import { FORMATS, writeReports } from '../../review/write';
import { labAssembly } from '../support/lab-assembly';
import { englishProse, mechanicalParticles } from './korean';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-readable-'));
let assembly: Assembly;
const reviews: Record<Lang, StackReview[]> = { en: [], ko: [] };
/** Every file every format writes, in both languages: name → text. */
const written = new Map<string, string>();

beforeAll(async () => {
  const outdir = labAssembly({
    apiGatewayCloudWatchRole: 'create',
    dashboard: true,
    bedrockCompareModelIds: 'amazon.nova-micro-v1:0,ai21.jamba-1-5-mini-v1:0,cohere.command-r-v1:0',
  }).dir;
  assembly = readAssembly(outdir);
  for (const lang of ['en', 'ko'] as const) {
    reviews[lang] = await reviewAssembly(assembly, [], lang);
    for (const format of FORMATS) {
      const dir = path.join(root, `${format}-${lang}`);
      writeReports(reviews[lang], { outDir: dir, format, lang, assemblyDir: outdir });
      for (const f of fs.readdirSync(dir).filter((x) => !x.startsWith('.')))
        written.set(`${format}-${lang}/${f}`, fs.readFileSync(path.join(dir, f), 'utf8'));
    }
  }
});

/** What a report must never show a reader: template JSON, unfilled values, internal tokens. */
const RAW = /Fn::|"?Ref"?\s*:|\[object Object\]|\b(?:att|ref):[A-Za-z]|\bundefined\b|\bNaN\b/;

function rawLines(text: string): string[] {
  return text.split('\n').filter((line) => RAW.test(line));
}

test('no report of the lab, in any format or language, shows template JSON or internal tokens', () => {
  expect(written.size).toBeGreaterThanOrEqual(4 * 2);
  for (const format of FORMATS)
    expect([...written.keys()].some((k) => k.startsWith(`${format}-ko/`))).toBe(true);
  const found = [...written].flatMap(([file, text]) =>
    rawLines(text).map((l) => `${file}: ${l.slice(0, 160)}`),
  );
  expect(found).toEqual([]);
});

test('negative control: an intrinsic the review cannot read, injected into a statement, is caught', async () => {
  const bedrock = assembly.stacks.find((s) => s.stackName === 'AiLab-Bedrock')!;
  const template = structuredClone(bedrock.template) as any;
  const policy = Object.values(template.Resources).find(
    (r: any) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r).includes('bedrock:InvokeModel'),
  ) as any;
  policy.Properties.PolicyDocument.Statement[0].Resource = { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] };
  const review = await reviewStack(viewOf({ ...bedrock, template }, assembly.logicalPaths), assembly, 'en');
  expect(rawLines(renderMarkdown(buildDoc(review, 'en'))).length).toBeGreaterThan(0);
});

const md = (lang: Lang, stack: string) =>
  renderMarkdown(buildDoc(reviews[lang].find((r) => r.name === stack)!, lang));

/** The table Regions where a template condition holds, straight from the evaluator. */
function holdsIn(stack: string, condition: string): string[] {
  const template = assembly.stacks.find((s) => s.stackName === stack)!.template as any;
  return Object.keys(template.Mappings.AiLabRegions).filter((r) =>
    new RegionView(template, r).condition(condition),
  );
}

test('Bedrock’s Region-mapped permissions read as words, with the Regions each conditional statement holds in', () => {
  const en = md('en', 'AiLab-Bedrock');
  // Nova Micro is in-Region in some Regions and a profile in others: words. Jamba and Command R are
  // the Region's own foundation model wherever they are offered: one ARN, as code.
  expect(en).toContain(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
    '‹Handler/Function› (‹Handler/Role›) may call `bedrock:InvokeModel` on `arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/ai21.jamba-1-5-mini-v1:0`, the Region’s `amazon.nova-lite-v1:0`, `amazon.nova-micro-v1:0`: the foundation model in the Region, or the geography’s inference profile where the Region calls the model through one (each Region’s value under “Regions”), `arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/cohere.command-r-v1:0`.',
  );
  const regions = holdsIn('AiLab-Bedrock', 'AiLabViaProfileAmazonNovaMicroV10');
  expect(regions).toEqual(expect.arrayContaining(['ap-northeast-2', 'us-west-2']));
  expect(regions).not.toContain('us-east-1');
  expect(en).toContain(
    `only when \`bedrock:InferenceProfileArn\` is the Region’s inference profile for \`amazon.nova-micro-v1:0\` (\`us.\`, \`eu.\`, \`apac.\`; each Region’s value under “Regions”) and only in the Regions where the template’s condition \`AiLabViaProfileAmazonNovaMicroV10\` holds: ${regions.map((r) => `\`${r}\``).join(', ')}.`,
  );
  // A statement no table Region has (Jamba is called in-Region wherever it is offered) says so.
  expect(holdsIn('AiLab-Bedrock', 'AiLabViaProfileAi21Jamba15MiniV10')).toEqual([]);
  expect(en).toContain(
    'the template’s condition `AiLabViaProfileAi21Jamba15MiniV10` holds (none of the template’s Regions)',
  );
  const ko = md('ko', 'AiLab-Bedrock');
  expect(ko).toContain(
    `템플릿 조건 \`AiLabViaProfileAmazonNovaMicroV10\`가 참인 리전(${regions.map((r) => `\`${r}\``).join(', ')})에서만`,
  );
  expect(ko).toContain('리전의 `amazon.nova-micro-v1:0` 추론 프로파일');
});

test('the Regions section resolves each Region’s statements: Seoul’s profile and the Regions its profile routes to', () => {
  const en = md('en', 'AiLab-Bedrock');
  const rows = en.split('\n').filter((l) => l.startsWith('| `StreamHandler/BedrockInvokeStream`'));
  const seoul = rows.filter((l) => /\| [^|]*`ap-northeast-2`[^|]* \|/.test(l));
  expect(seoul.some((l) => l.includes('inference-profile/apac.amazon.nova-micro-v1:0'))).toBe(true);
  expect(
    seoul.some(
      (l) =>
        l.includes('arn:aws:bedrock:ap-northeast-1::foundation-model/amazon.nova-micro-v1:0') &&
        l.includes(
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
          '`bedrock:InferenceProfileArn` is `arn:aws:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/apac.amazon.nova-micro-v1:0`',
        ),
    ),
  ).toBe(true);
  const virginia = rows.filter((l) => /\| [^|]*`us-east-1`[^|]* \|/.test(l));
  expect(
    virginia.some((l) =>
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
      l.includes('arn:aws:bedrock:${AWS::Region}::foundation-model/amazon.nova-micro-v1:0'),
    ),
  ).toBe(true);
});

const doubled = (text: string) => text.match(/(`[^`\n]+`)\1/g) ?? [];

test('every section appears once, no table is empty, and Korean has no doubled word or English prose', () => {
  for (const lang of ['en', 'ko'] as const)
    for (const r of reviews[lang]) {
      const doc = buildDoc(r, lang);
      const h2 = doc.blocks.filter((b) => b.type === 'h2').map((b) => (b as { text: string }).text);
      expect({ stack: r.name, dup: h2.filter((h, i) => h2.indexOf(h) !== i) }).toEqual({
        stack: r.name,
        dup: [],
      });
      const empty = doc.blocks.filter((b) => b.type === 'table' && b.rows.length === 0);
      expect({ stack: r.name, empty }).toEqual({ stack: r.name, empty: [] });
      const text = renderMarkdown(doc);
      // A value printed twice in a row (`a``a`), as a placeholder written twice would.
      expect({ stack: r.name, doubled: doubled(text) }).toEqual({ stack: r.name, doubled: [] });
      if (lang === 'ko') {
        expect({ stack: r.name, english: englishProse(text) }).toEqual({ stack: r.name, english: [] });
        expect(mechanicalParticles(text)).toEqual([]);
      }
    }
  expect(md('ko', 'AiLab-Textract')).toMatch(/cfn-guard \d+\.\d+\.\d+로 오프라인/);
  // Negative control: the sentence the Korean catalogue wrote before ({who}{who|은/는}) is caught.
  expect(doubled('서비스 `apigateway.amazonaws.com``apigateway.amazonaws.com`은')).toHaveLength(1);
});

/**
 * Models a stack's roles may invoke in any table Region (each Region resolved by the evaluator) that
 * have no row in the report's price table.
 */
function unpriced(template: any, review: StackReview): string[] {
  const models = new Set<string>();
  for (const region of Object.keys(template.Mappings?.AiLabRegions ?? {})) {
    const view = new RegionView(template, region);
    for (const [id, res] of Object.entries<any>(template.Resources))
      if (res.Type === 'AWS::IAM::Policy')
        for (const s of (view.properties(id)?.PolicyDocument as any)?.Statement ?? [])
          if ([s.Action].flat().some((a: string) => /^bedrock:Invoke/.test(a)))
            for (const arn of [s.Resource].flat())
              models.add(String(arn).replace(/^.*\/(?:(?:us|eu|apac)\.)?/, ''));
  }
  const units = (review.cost.prices?.prices ?? []).map((p) => p.unit);
  return [...models].filter((m) => !units.some((u) => u.includes(m)));
}

test('every model a role may invoke in any table Region has its price row', async () => {
  for (const r of reviews.en) {
    const template = assembly.stacks.find((s) => s.stackName === r.name)!.template;
    expect({ stack: r.name, unpriced: unpriced(template, r) }).toEqual({ stack: r.name, unpriced: [] });
  }
  // Negative control: the Jamba rows dropped from the recorded price table → missing here, flagged there.
  const bedrock = assembly.stacks.find((s) => s.stackName === 'AiLab-Bedrock')!;
  const metadata = structuredClone(bedrock.metadata) as any;
  for (const e of metadata['/AiLab-Bedrock'])
    if (e.type === 'ai-lab:prices') e.data.prices = e.data.prices.filter((p: any) => !/jamba/.test(p.unit));
  const cut = await reviewStack(viewOf({ ...bedrock, metadata }, assembly.logicalPaths), assembly, 'en');
  expect(unpriced(bedrock.template, cut)).toEqual(['ai21.jamba-1-5-mini-v1:0']);
  expect(cut.findings.filter((f) => f.key === 'cost.flag.modelUnpriced').map((f) => f.params?.model)).toEqual(
    ['`ai21.jamba-1-5-mini-v1:0`'],
  );
});

test('the opt-in dashboard stack is described, priced in both languages, and has no empty ceiling table', () => {
  const en = md('en', 'AiLab-Dashboard');
  expect(en).toContain('graphs the lab’s metrics in the CloudWatch console');
  expect(en).toContain('This stack has no IAM statement');
  expect(en).not.toMatch(/0 methods have/);
  const ko = md('ko', 'AiLab-Dashboard');
  expect(ko).toContain('CloudWatch 대시보드 월 요금($3.00');
  expect(ko).not.toMatch(/영어 원문: “CloudWatch dashboard/);
});

test('--against reads a Region-mapped statement in words too, where cdk diff’s own table shows template JSON', async () => {
  const bedrock = assembly.stacks.find((s) => s.stackName === 'AiLab-Bedrock')!;
  // Before: the same stack without the statement Nova Micro's inference profile needs.
  const template = structuredClone(bedrock.template) as any;
  const policy =
    template.Resources[Object.keys(template.Resources).find((id) => id.startsWith('HandlerBedrockInvoke'))!]
      .Properties.PolicyDocument;
  const sid = 'ViaProfileBedrockInvokeModelAmazonNovaMicroV10';
  policy.Statement = policy.Statement.filter((st: any) => st['Fn::If']?.[1]?.Sid !== sid);
  const old: Assembly = {
    ...assembly,
    stacks: assembly.stacks.map((s) => (s === bedrock ? { ...s, template } : s)),
  };
  for (const lang of ['en', 'ko'] as const) {
    const before = await reviewAssembly(old, ['AiLab-Bedrock'], lang);
    const after = reviews[lang].filter((r) => r.name === 'AiLab-Bedrock');
    const diffs = diffAssemblies(old, before, assembly, after);
    const text = renderMarkdown({ title: '', lang, blocks: diffBlocks(diffs, lang, 'old', 'new') });
    expect(rawLines(text)).toEqual([]);
    const added = text.split('\n').filter((l) => l.startsWith('| + | `Handler/BedrockInvoke`'));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(
      lang === 'en'
        ? 'only in the Regions where the template’s condition `AiLabViaProfileAmazonNovaMicroV10` holds'
        : '템플릿 조건 `AiLabViaProfileAmazonNovaMicroV10`가 참인 리전',
    );
  }
  // Negative control: the table @aws-cdk/cloudformation-diff itself writes for the same change.
  const table = fullDiff(template, bedrock.template).iamChanges.summarizeStatements().flat().join('\n');
  expect(rawLines(table).length).toBeGreaterThan(0);
});
