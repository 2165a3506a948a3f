/**
 * The Region words of the review: values CloudFormation resolves per Region (review/regional.ts),
 * statements only some Regions have, and the *Regions* section (review/regions.ts).
 */
import { defineMessages } from '../../lib/i18n';

export const REGIONS = defineMessages(
  {
    'regional.perRegion': 'each Region’s value under “Regions”',
    'regional.modelOrProfile':
      'the Region’s {model}: the foundation model in the Region, or the geography’s inference profile where the Region calls the model through one ({per})',
    'regional.profile': 'the Region’s inference profile for {model} ({geos}; {per})',
    'regional.model': 'the foundation model {model} in the Region ({per})',
    'regional.destinations':
      '{model} in each Region the Region’s inference profile routes requests to ({per})',
    'regional.values': 'per Region: {values}',
    'regional.valueIn': '{value} in {regions}',
    'regional.sep': '; ',
    'regional.empty': 'nothing',
    'regional.onlyIn': 'only in the Regions where the template’s condition {condition} holds: {regions}',
    'regional.onlyInNone':
      'only in the Regions where the template’s condition {condition} holds (none of the template’s Regions)',
    'regions.heading': 'Regions',
    'regions.intro':
      'One template for every Region of the lab’s Region table (as of {date}, {source}); CloudFormation picks the Region’s values from the template’s Mappings at deploy time, and a Region outside the table fails before anything is created.',
    'regions.introNoTable':
      'One template for the Regions its Mappings name: {regions}. CloudFormation picks the Region’s values at deploy time.',
    'regions.allOffered': 'Every route is offered in every table Region.',
    'regions.colRegion': 'Region',
    'regions.colMissing': 'not offered there (answers 501 naming where it is)',
    'regions.offeredIn': '{what}: offered in {regions}',
    'regions.request': 'requests for {what}: offered in {regions}',
    'regions.model': 'the Bedrock model {model}',
    'regions.compare': 'two of the comparison models ({models})',
    'regions.iamHeading': 'Permissions that differ by Region',
    'regions.iamIntro':
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
      'The statements above whose resources, conditions or presence depend on the Region, as CloudFormation resolves them in each Region (the template’s Mappings and Conditions applied; Regions that resolve a statement alike share a row). In a row, `${AWS::Region}` is each of its Regions and `${AWS::AccountId}` the deploying account.',
    'regions.colStatement': 'statement',
    'regions.colRegions': 'Regions',
    'regions.colResources': 'resources',
    'regions.colCondition': 'condition',
  },
  {
    'regional.perRegion': '리전별 값은 “리전” 절 참조',
    'regional.modelOrProfile':
      '리전의 {model}: 그 리전의 파운데이션 모델, 또는 리전이 추론 프로파일로 모델을 호출하면 그 지역의 추론 프로파일({per})',
    'regional.profile': '리전의 {model} 추론 프로파일({geos}, {per})',
    'regional.model': '그 리전의 파운데이션 모델 {model}({per})',
    'regional.destinations': '리전의 추론 프로파일이 요청을 보내는 각 리전의 {model}({per})',
    'regional.values': '리전별 값: {values}',
    'regional.valueIn': '{regions}에서는 {value}',
    'regional.sep': ', ',
    'regional.empty': '없음',
    'regional.onlyIn': '템플릿 조건 {condition|이/가} 참인 리전({regions})에서만',
    'regional.onlyInNone': '템플릿 조건 {condition|이/가} 참인 리전에서만(템플릿의 리전 중에는 없음)',
    'regions.heading': '리전',
    'regions.intro':
      '실습실의 리전 표({date} 기준, {source})에 있는 모든 리전에 하나의 템플릿을 씁니다. CloudFormation이 배포할 때 템플릿의 Mappings에서 그 리전의 값을 고르고, 표에 없는 리전에서는 아무것도 만들기 전에 실패합니다.',
    'regions.introNoTable':
      '템플릿의 Mappings에 있는 리전({regions})에 하나의 템플릿을 씁니다. CloudFormation이 배포할 때 그 리전의 값을 고릅니다.',
    'regions.allOffered': '모든 경로를 표의 모든 리전에서 제공합니다.',
    'regions.colRegion': '리전',
    'regions.colMissing': '그 리전에서 제공되지 않음(제공되는 리전을 알려 주는 501로 응답)',
    'regions.offeredIn': '{what}: {regions}에서 제공',
    'regions.request': '{what|을/를} 쓰는 요청: {regions}에서 제공',
    'regions.model': 'Bedrock 모델 {model}',
    'regions.compare': '비교 모델({models}) 중 두 개',
    'regions.iamHeading': '리전마다 다른 권한',
    'regions.iamIntro':
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${AWS::…} notation, not a template string
      '위 문 가운데 리소스, 조건 또는 존재 여부가 리전에 따라 달라지는 문을 CloudFormation이 각 리전에서 해석하는 대로(템플릿의 Mappings와 Conditions 적용) 보여 줍니다. 같은 결과가 나오는 리전은 한 행에 모았습니다. 행 안의 `${AWS::Region}`은 그 행의 각 리전, `${AWS::AccountId}`는 배포하는 계정입니다.',
    'regions.colStatement': '문',
    'regions.colRegions': '리전',
    'regions.colResources': '리소스',
    'regions.colCondition': '조건',
  },
);
