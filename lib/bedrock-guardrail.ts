/**
 * The lab's Bedrock guardrail: toxicity (유해성) and prompt attacks on the Standard safeguard tier, so
 * Korean is covered, and PII (규정 위반). Standard needs the guardrail's cross-Region configuration: the
 * system-defined guardrail profile of the deployment's geography (us., eu., apac.), chosen per Region at
 * deploy time from the Region table. Classic (English, French, Spanish only) is used only where the
 * table offers no Standard tier or no guardrail profile.
 *
 * Sources (see lambda/shared/region-facts.ts): guardrails-tiers.html (tiers, Regions),
 * guardrails-supported-languages.html (Korean: "optimized and supported" on Standard for content filters
 * and prompt attacks), guardrails-cross-region-support.html (profiles), guardrail-profiles-permissions.html
 * (IAM), CloudFormation AWS::Bedrock::Guardrail ContentFiltersTierConfig / CrossRegionConfig.
 */
import { createHash } from 'node:crypto';
import { Aws, Fn } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { guardrailProfile, TABLE_REGIONS } from '../lambda/shared/regions';
import { ConditionalStatement, mapKey, RegionMap } from './region-map';

/** Shown instead of a blocked prompt or answer, in both of the lab's languages (≤ 500 characters). */
export const BLOCKED_INPUT_MESSAGE =
  'The lab guardrail blocked this prompt (harmful content, a prompt attack or sensitive data). ' +
  '실습 가드레일이 이 프롬프트를 차단했습니다(유해한 콘텐츠, 프롬프트 공격 또는 민감한 정보).';
export const BLOCKED_OUTPUT_MESSAGE =
  'The lab guardrail blocked the model answer (harmful content or sensitive data). ' +
  '실습 가드레일이 모델의 답변을 차단했습니다(유해한 콘텐츠 또는 민감한 정보).';

export interface LabGuardrail {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;
  /** The Region's safeguard tier (STANDARD or CLASSIC), as Fn::FindInMap. */
  readonly tier: string;
  /** ApplyGuardrail on the guardrail, and on its profile in the Region's destination Regions. */
  readonly statements: iam.PolicyStatement[];
}

const filter = (type: string, inputStrength = 'HIGH', outputStrength = 'HIGH') => ({
  type,
  inputStrength,
  outputStrength,
});

/**
 * The guardrail and its version in `scope`. `usedFor` names who calls it in the descriptions (the
 * pipeline creates its own with the same settings rather than reach into AiLab-Bedrock).
 */
export function labGuardrail(scope: Construct, name: string, usedFor = 'the Converse demo'): LabGuardrail {
  const map = RegionMap.of(scope);
  const tier = map.value('GuardrailTier', (r) => guardrailProfile(r).tier);
  const hasProfile = map.condition(
    'AiLabGuardrailCrossRegion',
    'GuardrailTier',
    (r) => guardrailProfile(r).tier,
    'STANDARD',
  );
  const profileId = map.value('GuardrailProfileId', (r) => guardrailProfile(r).profileId ?? 'none');
  const profileArn = Fn.join('', [
    'arn:',
    Aws.PARTITION,
    ':bedrock:',
    Aws.REGION,
    ':',
    Aws.ACCOUNT_ID,
    ':guardrail-profile/',
    profileId,
  ]);
  const plain: bedrock.CfnGuardrailProps = {
    name,
    description: `ai-services-lab: content filters (toxicity, prompt attacks; Standard tier, Korean included) and PII filters for ${usedFor}`,
    blockedInputMessaging: BLOCKED_INPUT_MESSAGE,
    blockedOutputsMessaging: BLOCKED_OUTPUT_MESSAGE,
    contentPolicyConfig: {
      filtersConfig: [
        filter('HATE'),
        filter('INSULTS'),
        filter('SEXUAL'),
        filter('VIOLENCE'),
        filter('MISCONDUCT'),
        // Prompt-attack filtering applies to input only.
        filter('PROMPT_ATTACK', 'HIGH', 'NONE'),
      ],
    },
    sensitiveInformationPolicyConfig: {
      piiEntitiesConfig: [
        { type: 'EMAIL', action: 'ANONYMIZE' },
        { type: 'PHONE', action: 'ANONYMIZE' },
        { type: 'NAME', action: 'ANONYMIZE' },
        { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
        { type: 'CREDIT_DEBIT_CARD_CVV', action: 'BLOCK' },
        { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' },
        { type: 'AWS_SECRET_KEY', action: 'BLOCK' },
        { type: 'PASSWORD', action: 'BLOCK' },
      ],
    },
  };
  const guardrail = new bedrock.CfnGuardrail(scope, 'Guardrail', {
    ...plain,
    contentPolicyConfig: {
      ...(plain.contentPolicyConfig as bedrock.CfnGuardrail.ContentPolicyConfigProperty),
      contentFiltersTierConfig: { tierName: tier },
    },
    crossRegionConfig: Fn.conditionIf(
      hasProfile.logicalId,
      { GuardrailProfileArn: profileArn },
      Aws.NO_VALUE,
    ) as unknown as bedrock.CfnGuardrail.GuardrailCrossRegionConfigProperty,
  });
  // A version is a snapshot taken when the resource is created; an update to the guardrail alone
  // leaves the function on the old snapshot. The description carries a hash of the configuration
  // (including every Region's tier and profile), and changing it replaces the version (Description:
  // update requires replacement), so every guardrail change deploys a new version the function uses.
  const perRegion = TABLE_REGIONS.map((r) => [r, guardrailProfile(r)]);
  const configHash = createHash('sha256').update(JSON.stringify({ plain, perRegion })).digest('hex');
  const version = new bedrock.CfnGuardrailVersion(scope, 'GuardrailVersion', {
    guardrailIdentifier: guardrail.attrGuardrailId,
    description: `Version used by ${usedFor} (configuration ${configHash.slice(0, 12)})`,
  });
  return { guardrail, version, tier, statements: guardrailStatements(scope, guardrail) };
}

/**
 * ApplyGuardrail on the guardrail, plus, per group of table Regions that share a guardrail profile and
 * its destinations, the profile's ARN in each destination Region (present only in that group's Regions).
 */
function guardrailStatements(scope: Construct, guardrail: bedrock.CfnGuardrail): iam.PolicyStatement[] {
  const map = RegionMap.of(scope);
  const statements: iam.PolicyStatement[] = [
    new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [guardrail.attrGuardrailArn] }),
  ];
  // Group the table Regions by (profile, destinations): one conditional statement per group.
  const groups = new Map<string, { name: string; profileId: string; destinations: readonly string[] }>();
  const groupOf = (r: (typeof TABLE_REGIONS)[number]): string => {
    const g = guardrailProfile(r);
    if (!g.profileId) return 'none';
    const id = JSON.stringify([g.profileId, g.destinations]);
    let group = groups.get(id);
    if (!group) {
      const geo = mapKey('', g.profileId.split('.')[0] ?? 'geo');
      group = { name: `${geo}${groups.size}`, profileId: g.profileId, destinations: g.destinations };
      groups.set(id, group);
    }
    return group.name;
  };
  for (const r of TABLE_REGIONS) groupOf(r);
  for (const { name, profileId, destinations } of groups.values()) {
    const condition = map.condition(`AiLabGuardrailProfile${name}`, 'GuardrailProfileGroup', groupOf, name);
    statements.push(
      new ConditionalStatement(condition, {
        sid: `GuardrailProfile${name}`,
        actions: ['bedrock:ApplyGuardrail'],
        resources: destinations.map(
          (d) => `arn:${Aws.PARTITION}:bedrock:${d}:${Aws.ACCOUNT_ID}:guardrail-profile/${profileId}`,
        ),
      }),
    );
  }
  return statements;
}
