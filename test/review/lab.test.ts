/**
 * The review of the real lab, checked against the synthesized templates themselves: every stack
 * gets a report, every role and every IAM statement appears in it (counted independently here),
 * every resource is listed, every acknowledged cdk-nag finding is there with its reason, prices
 * carry their date, and the Korean report says the same in Korean.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Assembly, readAssembly } from '../../review/assembly';
import { buildDoc } from '../../review/document';
import { CATALOGUES } from '../../review/i18n';
import { renderHtml } from '../../review/render-html';
import { renderMarkdown } from '../../review/render-md';
import { reviewAssembly, type StackReview } from '../../review/review';
import { severityOf } from '../../review/rules';
import { writeReports } from '../../review/write';
import { ARTIFACTS } from '../playground/harness';
import { labAssembly } from '../support/lab-assembly';
import { englishProse, mechanicalParticles } from './korean';
import { screenshotReport } from './screenshot';

let assembly: Assembly;
let reviews: StackReview[];
let ko: StackReview[];
let outdir: string;

beforeAll(async () => {
  // `create` adds the Shared stack, whose role the review must explain as kept on purpose; with
  // cdk-nag, as `cdk synth` has it, the review lists the packs that ran.
  outdir = labAssembly({ apiGatewayCloudWatchRole: 'create' }, { nag: true }).dir;
  assembly = readAssembly(outdir);
  reviews = await reviewAssembly(assembly, [], 'en');
  ko = await reviewAssembly(assembly, [], 'ko');
});

type Doc = { Statement?: unknown };
const statementsIn = (doc: unknown) => {
  const s = (doc as Doc | undefined)?.Statement;
  return s === undefined ? 0 : Array.isArray(s) ? s.length : 1;
};

/** IAM statements in a template, counted straight from the JSON. */
function countStatements(template: {
  Resources?: Record<string, { Type: string; Properties?: any }>;
}): number {
  let n = 0;
  for (const r of Object.values(template.Resources ?? {})) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Role') {
      n += statementsIn(p.AssumeRolePolicyDocument);
      for (const pol of p.Policies ?? []) n += statementsIn(pol.PolicyDocument);
    } else if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::S3::BucketPolicy')
      n += statementsIn(p.PolicyDocument);
    else if (r.Type === 'AWS::Lambda::Permission') n += 1;
  }
  return n;
}

test('one review per stack of the assembly', () => {
  expect(reviews.map((r) => r.name)).toEqual(assembly.stacks.map((s) => s.stackName));
  expect(reviews.length).toBeGreaterThanOrEqual(8);
});

test('every role and every IAM statement of every template appears, and the counts match', () => {
  for (const [i, r] of reviews.entries()) {
    const template = assembly.stacks[i]!.template as any;
    const roles = Object.values(template.Resources).filter((x: any) => x.Type === 'AWS::IAM::Role').length;
    expect({ stack: r.name, roles: r.permissions.roles.length }).toEqual({ stack: r.name, roles });
    expect({ stack: r.name, statements: r.permissions.statements.length }).toEqual({
      stack: r.name,
      statements: countStatements(template),
    });
    const md = renderMarkdown(buildDoc(r, 'en'));
    for (const role of r.permissions.roles) expect(md).toContain(`\`${role.path}\``);
    // Every action of every statement is named in the report.
    for (const s of r.permissions.statements) for (const a of s.actions) expect(md).toContain(`\`${a}\``);
    // Every resource is listed, by construct path.
    for (const x of r.resources)
      expect(md).toContain(`| \`${x.path.replace(/\|/g, '\\|')}\` | \`${x.type}\` |`);
    expect(r.resources.length).toBe(Object.keys(template.Resources).length);
  }
});

test('every method requires AWS_IAM, every acknowledgement is listed with its reason, and no open finding', () => {
  for (const r of reviews) {
    expect(r.api.methods.filter((m) => m.authorization !== 'AWS_IAM')).toEqual([]);
    expect(r.compliance.open).toEqual([]);
    expect(r.compliance.plugins).toEqual(['AwsSolutions', 'Serverless']);
    const acks = Object.values(assembly.stacks.find((s) => s.stackName === r.name)!.metadata)
      .flat()
      .filter((e) => e.type === 'aws:cdk:acknowledged-rules')
      .flatMap((e) => Object.values(e.data as Record<string, string>));
    expect(r.compliance.acknowledged.map((a) => a.reason).sort()).toEqual(acks.sort());
    const md = renderMarkdown(buildDoc(r, 'en'));
    for (const a of r.compliance.acknowledged) expect(md).toContain(a.reason.replace(/\|/g, '\\|'));
  }
});

test('the lab is flagged only for what CDK generates and for the account-level setting that outlives destroy', () => {
  const flags = reviews.flatMap((r) =>
    r.findings.filter((f) => f.level === 'flag').map((f) => `${r.name} ${f.key} ${f.where}`),
  );
  // Textract, Transcribe and the pipeline: CDK's bucket-emptying policy, granted to its provider role
  // on the one bucket: s3:DeleteObject*, s3:GetBucket*, s3:List* and s3:PutBucketPolicy (permissions
  // management).
  const bucketPolicy = flags.filter((f) => /(Uploads|Documents)\/Bucket\/Policy$/.test(f));
  expect(bucketPolicy.filter((f) => f.includes('perm.flag.wildcardAction'))).toHaveLength(9);
  expect(bucketPolicy.filter((f) => f.includes('risk.permissions '))).toHaveLength(3);
  // AiLab-Shared's AWS::ApiGateway::Account stays after destroy (an account-level setting).
  const shared = flags.filter((f) => f.startsWith('AiLab-Shared '));
  expect(shared.every((f) => f.includes('destroy.stays.') || f.includes('api'))).toBe(true);
  // The pipeline's state machine: polly:StartSpeechSynthesisTask on `*` (a Write action whose only
  // resource type is an optional lexicon; the pipeline uses none, and Polly's permissions reference
  // names `*` for synthesis). CDK's grant for Step Functions logging (logs:PutResourcePolicy and the
  // log-delivery actions, which take no resource ARN) is the statement Step Functions documents: a note.
  const pipeline = ['AiLab-Pipeline risk.writeAll AiServices'];
  const logDelivery = reviews
    .find((r) => r.name === 'AiLab-Pipeline')!
    .findings.filter((f) => f.key === 'risk.logDelivery');
  expect(logDelivery.map((f) => `${f.level} ${f.where}`)).toEqual(['note StateMachine/Role/DefaultPolicy']);
  // So the lab passes its own gate: `npm run review -- --fail-on error`.
  const errors = reviews.flatMap((r) => r.findings.filter((f) => severityOf(f) === 'error'));
  expect(errors.map((f) => `${f.key} ${f.where}`)).toEqual([]);
  expect(flags.filter((f) => f.startsWith('AiLab-Pipeline risk.') && !bucketPolicy.includes(f))).toEqual(
    pipeline,
  );
  expect(
    flags.filter((f) => !bucketPolicy.includes(f) && !shared.includes(f) && !pipeline.includes(f)),
  ).toEqual([]);
});

test('every model the Bedrock role may invoke is priced; minimums and unmetered routes are stated', () => {
  const bedrock = reviews.find((r) => r.name === 'AiLab-Bedrock')!;
  expect(bedrock.cost.models.map((m) => m.id)).toEqual(
    expect.arrayContaining(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0']),
  );
  expect(bedrock.cost.models.filter((m) => !m.priced)).toEqual([]);
  const comprehend = renderMarkdown(buildDoc(reviews.find((r) => r.name === 'AiLab-Comprehend')!, 'en'));
  expect(comprehend).toMatch(/3-unit \(300-character\) minimum per request/);
  const transcribe = renderMarkdown(buildDoc(reviews.find((r) => r.name === 'AiLab-Transcribe')!, 'en'));
  expect(transcribe).toMatch(/15-second minimum per job/);
  expect(transcribe).toMatch(
    /Not billed by the service: `POST \/transcribe\/uploads`, `GET \/transcribe\/jobs\/\{jobName\}`/,
  );
  const translate = renderMarkdown(buildDoc(reviews.find((r) => r.name === 'AiLab-Translate')!, 'en'));
  expect(translate).toMatch(/Indirect charge: .*Amazon Comprehend/);
});

test('the account role `create` keeps is explained in the destroy section, not flagged', () => {
  const shared = reviews.find((r) => r.name === 'AiLab-Shared')!;
  expect(shared.kept.map((k) => k.type).sort()).toEqual(['AWS::ApiGateway::Account', 'AWS::IAM::Role']);
  const destroy = shared.findings.filter((f) => f.section === 'destroy');
  expect(destroy.map((f) => [f.level, f.key, f.where])).toEqual([
    ['note', 'destroy.note.apiGatewayAccountRole', 'ApiGatewayCloudWatchRole'],
    ['note', 'destroy.note.apiGatewayAccountRole', 'ApiGatewayAccount'],
    // The stack's assets stay in the bootstrap staging bucket, like every stack's.
    ['note', 'destroy.stays.bootstrap', undefined],
  ]);
  const md = renderMarkdown(buildDoc(shared, 'en'));
  expect(md).toMatch(/ApiGatewayCloudWatchRole \(AWS::IAM::Role\) is kept after `cdk destroy` on purpose/);
  const kmd = renderMarkdown(buildDoc(ko.find((r) => r.name === 'AiLab-Shared')!, 'ko'));
  expect(kmd).toMatch(
    /일부러 `cdk destroy` 뒤에도 남기는 리소스: ApiGatewayCloudWatchRole\(AWS::IAM::Role\)/,
  );
});

test('demo stacks carry their dated prices and billed unit; every `*` is explained', () => {
  for (const r of reviews.filter((x) => !['AiLab-Shared', 'AiLab-Budget'].includes(x.name))) {
    expect(r.cost.prices?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.cost.prices?.prices.length).toBeGreaterThan(0);
    expect(r.cost.pricingUnit).toBeTruthy();
    for (const s of r.permissions.statements.filter(
      (x) => x.anyResource && x.effect === 'Allow' && x.kind === 'identity',
    ))
      expect(s.findings.filter((f) => f.key.startsWith('perm.star.')).length).toBeGreaterThan(0);
  }
});

test('the Korean report says it in Korean, with every placeholder filled; HTML is self-contained', () => {
  for (const r of ko) {
    const md = renderMarkdown(buildDoc(r, 'ko'));
    expect(md).toContain(`# 인프라 검토: ${r.name}`);
    expect(md).toContain('## 권한을 쉬운 말로');
    const names = new Set(
      Object.values(CATALOGUES.ko).flatMap((v) => [...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
    );
    const unfilled = [...md.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => names.has(n));
    expect(unfilled).toEqual([]);
    const html = renderHtml(buildDoc(r, 'ko'));
    expect(html).toContain('<html lang="ko">');
    if (r.flow.nodes.length > 0) expect(html).toContain('<svg');
    expect(html).not.toMatch(/(width|height)="-/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
  }
});

test('the Korean report is Korean: no English prose outside names, code and quotations marked as English, no 을(를)', () => {
  for (const r of ko) {
    const md = renderMarkdown(buildDoc(r, 'ko'));
    expect({ stack: r.name, english: englishProse(md) }).toEqual({ stack: r.name, english: [] });
    expect({ stack: r.name, particles: mechanicalParticles(md) }).toEqual({ stack: r.name, particles: [] });
    // IAM descriptions are quoted from AWS's English reference, marked, beside a Korean access level.
    if (
      r.permissions.statements.some(
        (s) => s.effect === 'Allow' && s.kind !== 'trust' && s.kind !== 'invoke' && s.expanded.length > 0,
      )
    )
      expect(md).toMatch(/— (읽기|쓰기|나열|권한 관리|태그 지정) 작업 — AWS 참조의 영어 원문: “/);
  }
  // Negative controls: an English sentence or a mechanical particle injected into a Korean report is caught.
  const md = renderMarkdown(buildDoc(ko[0]!, 'ko'));
  expect(englishProse(`${md}\nThis sentence was left in English by mistake.\n`)).toEqual([
    'This sentence was left in English by mistake.',
  ]);
  expect(mechanicalParticles(`${md}\n\`s3:GetObject\`을(를) 호출할 수 있습니다.\n`)).toHaveLength(1);
});

test('one HTML report opens in Chromium, fetches nothing, draws its data flow, and is screenshotted', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lab-review-html-'));
  const transcribe = reviews.filter((r) => r.name === 'AiLab-Transcribe');
  writeReports(transcribe, { outDir: dir, format: 'html', lang: 'en', assemblyDir: outdir });
  const shot = await screenshotReport(path.join(dir, 'AiLab-Transcribe.html'), { fullPage: true });
  expect(shot.title).toBe('Infrastructure review: AiLab-Transcribe');
  expect(shot.fetched).toEqual([]);
  expect(shot.svgWidth).toBeGreaterThan(400);
  const artifacts = path.join(ARTIFACTS, '..', 'review');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'AiLab-Transcribe.png'), shot.png);
  expect(shot.png.length).toBeGreaterThan(10_000);
});
