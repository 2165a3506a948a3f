/**
 * The report's Region section: what each Region of the lab's Region table does not offer for this stack
 * (the routes that answer 501 there, and the request options it refuses), read from the assembly
 * metadata the stack recorded (lib/review-metadata.ts, `ai-lab:regions`). One template serves every
 * Region; this section says where it falls short, so one review covers them all.
 */
import { defineMessages, type Lang, translator } from '../lib/i18n';
import type { RegionsMetadata } from '../lib/review-metadata';
import type { Block } from './document';
import { RegionView, statementsIn } from './region-eval';
import type { StackView } from './template';

const MESSAGES = defineMessages(
  {
    heading: 'Regions',
    intro:
      'One template for every Region of the lab’s Region table (as of {date}, {source}); CloudFormation picks the Region’s values from the template’s Mappings at deploy time, and a Region outside the table fails before anything is created.',
    allOffered: 'Every route is offered in every table Region.',
    colRegion: 'Region',
    colMissing: 'not offered there (answers 501 naming where it is)',
    offeredIn: '{what}: offered in {regions}',
    iamHeading: 'Bedrock permissions, Region by Region',
    iamIntro:
      'The statements below are the template’s, read as CloudFormation resolves them in each Region (`Mappings`, `Conditions` and `Fn::If` applied); `<account>` is the deploying account.',
    colPolicy: 'policy',
    colAction: 'action',
    colResources: 'resources',
    colCondition: 'condition',
  },
  {
    heading: '리전',
    intro:
      '실습의 리전 표({date} 기준, {source})에 있는 모든 리전에 하나의 템플릿을 씁니다. CloudFormation이 배포할 때 템플릿의 Mappings에서 그 리전의 값을 고르고, 표에 없는 리전에서는 아무것도 만들기 전에 실패합니다.',
    allOffered: '모든 경로를 표의 모든 리전에서 제공합니다.',
    colRegion: '리전',
    colMissing: '그 리전에서 제공되지 않음(제공되는 리전을 알려 주는 501로 응답)',
    offeredIn: '{what}: {regions}에서 제공',
    iamHeading: '리전별 Bedrock 권한',
    iamIntro:
      '아래 문은 템플릿의 문을 CloudFormation이 각 리전에서 해석하는 대로(`Mappings`, `Conditions`, `Fn::If` 적용) 읽은 것입니다. `<account>`는 배포하는 계정입니다.',
    colPolicy: '정책',
    colAction: '작업',
    colResources: '리소스',
    colCondition: '조건',
  },
);

/** The recorded Region facts of a stack, if it recorded any (demo stacks do). */
export function regionsOf(view: StackView): RegionsMetadata | undefined {
  const meta = view.artifact.metadata[`/${view.name}`] ?? [];
  return meta.find((e) => e.type === 'ai-lab:regions')?.data as RegionsMetadata | undefined;
}

/** Each table Region's Bedrock statements, resolved (only stacks whose policies hold bedrock actions). */
export function bedrockIamRows(view: StackView, regions: readonly string[]): string[][] {
  const template = view.artifact.template as { Resources: Record<string, { Type: string }> };
  const policies = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
  const rows: string[][] = [];
  for (const region of regions) {
    const regionView = new RegionView(template as never, region, '<account>');
    for (const [id] of policies) {
      for (const s of statementsIn(regionView, id)) {
        const actions = [s.Action].flat().map(String);
        if (!actions.some((a) => a.startsWith('bedrock:'))) continue;
        rows.push([
          `\`${region}\``,
          `\`${id}\``,
          actions.map((a) => `\`${a}\``).join(', '),
          [s.Resource]
            .flat()
            .map((r) => `\`${String(r)}\``)
            .join('<br>'),
          s.Condition ? `\`${JSON.stringify(s.Condition)}\`` : '—',
        ]);
      }
    }
  }
  return rows;
}

export function regionBlocks(
  regions: RegionsMetadata | undefined,
  lang: Lang,
  iam: readonly string[][] = [],
): Block[] {
  if (!regions) return [];
  const L = translator(MESSAGES, lang);
  const blocks: Block[] = [
    { type: 'h3', text: L('heading') },
    { type: 'p', text: L('intro', { date: regions.asOf, source: `\`${regions.source}\`` }) },
  ];
  const rows = Object.entries(regions.gaps)
    .filter(([, gaps]) => Object.keys(gaps).length > 0)
    .map(([region, gaps]) => [
      `\`${region}\``,
      Object.entries(gaps)
        .map(
          ([key, g]) => `\`${key}\` — ${L('offeredIn', { what: g.what, regions: g.offeredIn.join(', ') })}`,
        )
        .join('<br>'),
    ]);
  if (rows.length === 0) blocks.push({ type: 'p', text: L('allOffered'), level: 'ok' });
  else blocks.push({ type: 'table', head: [L('colRegion'), L('colMissing')], rows });
  if (iam.length > 0) {
    blocks.push({ type: 'h3', text: L('iamHeading') }, { type: 'p', text: L('iamIntro') });
    blocks.push({
      type: 'table',
      head: [L('colRegion'), L('colPolicy'), L('colAction'), L('colResources'), L('colCondition')],
      rows: iam,
    });
  }
  return blocks;
}
