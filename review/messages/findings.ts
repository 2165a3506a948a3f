import { defineMessages } from '../../lib/i18n';

export const FINDINGS = defineMessages(
  {
    'api.auth.iam': '{route} requires AWS_IAM.',
    'api.auth.none':
      '{route} has no authorization: anyone on the internet can call it and spend the account’s money.',
    'api.auth.preflight': '{route} is an unauthenticated CORS preflight (mock integration, calls nothing).',
    'api.auth.other': '{route} uses {type} authorization, not AWS_IAM.',
    'api.noValidation': '{route} has no request-body validation at API Gateway.',
    'api.flag.dataTrace': 'Stage {stage} logs full request and response bodies (data trace on).',
    'api.validates': 'body against {model}',
    'api.validatesParams': 'parameters',
    'compliance.flag.open': 'Open compliance finding {rule} on {path}.',
    'compliance.flag.noPlugins': 'No record of which validation plugins (cdk-nag packs) ran at synth.',
    'cost.flag.untagged': '{path} ({type}) lacks cost-allocation tag(s): {missing}.',
    'cost.flag.noTags': 'None of the {count} taggable resources has a cost-allocation tag.',
    'cost.flag.idle': '{path} ({type}) is billed while idle (hourly or monthly).',
    'cost.flag.unknownType':
      '{path}: {type} is not in the review’s idle-cost table; check what it costs while idle.',
    'cost.flag.noRetention':
      'Log group {path} keeps logs forever (no retention), so storage grows without bound.',
    'cost.flag.noThrottle':
      'Stage {stage} has no throttling: nothing caps the request rate, so nothing caps spend.',
    'destroy.flag.retain':
      '{path} ({type}) has removal policy {policy}: it outlives `cdk destroy` and may keep costing.',
    'destroy.flag.notEmptied':
      'Bucket {path} is not emptied before deletion: destroy fails while it holds objects.',
    'destroy.note.apiGatewayAccountRole':
      '{path} ({type}) is kept after `cdk destroy` on purpose (no idle charge): the account’s API Gateway CloudWatch setting, one per account and Region, names this role, and every API there logs through it. Delete the role only after pointing the setting at another one.',
    'flow.caller': 'caller',
    'flow.cloudformation': 'CloudFormation (deploy/destroy)',
    'flow.unauthenticated': 'NO AUTH',
  },
  {
    'api.auth.iam': '{route|은/는} AWS_IAM이 필요합니다.',
    'api.auth.none': '{route}에 권한 부여가 없습니다. 인터넷의 누구나 호출해서 계정의 비용을 쓸 수 있습니다.',
    'api.auth.preflight': '{route|은/는} 인증 없는 CORS 사전 요청입니다(모의 통합, 아무것도 호출하지 않음).',
    'api.auth.other': '{route|은/는} AWS_IAM이 아닌 {type} 권한 부여를 씁니다.',
    'api.noValidation': '{route|은/는} API Gateway에서 요청 본문을 검증하지 않습니다.',
    'api.flag.dataTrace': '스테이지 {stage|이/가} 요청과 응답 본문 전체를 로그에 남깁니다(데이터 추적 켜짐).',
    'api.validates': '{model|으로/로} 본문 검증',
    'api.validatesParams': '파라미터 검증',
    'compliance.flag.open': '{path}에 미해결 규정 준수 결과 {rule|이/가} 있습니다.',
    'compliance.flag.noPlugins': '합성 때 어떤 검증 플러그인(cdk-nag 팩)이 실행됐는지 기록이 없습니다.',
    'cost.flag.untagged': '{path}({type})에 비용 할당 태그가 없습니다: {missing}.',
    'cost.flag.noTags': '태그를 지원하는 리소스 {count}개 중 비용 할당 태그가 있는 것이 없습니다.',
    'cost.flag.idle': '{path}({type}) 리소스는 유휴 상태에서도 과금됩니다(시간 또는 월 단위).',
    'cost.flag.unknownType':
      '{path}: {type|은/는} 검토 도구의 유휴 비용 표에 없습니다. 유휴 상태 비용을 확인하세요.',
    'cost.flag.noRetention':
      '로그 그룹 {path|은/는} 로그를 영구 보관합니다(보존 기간 없음). 저장 비용이 끝없이 늘어납니다.',
    'cost.flag.noThrottle':
      '스테이지 {stage}에 스로틀링이 없습니다. 요청 속도에 상한이 없으니 비용에도 상한이 없습니다.',
    'destroy.flag.retain':
      '{path}({type})의 제거 정책이 {policy}입니다. `cdk destroy` 뒤에도 남아 비용이 계속 들 수 있습니다.',
    'destroy.flag.notEmptied':
      '버킷 {path|은/는} 삭제 전에 비워지지 않습니다. 객체가 남아 있으면 삭제가 실패합니다.',
    'destroy.note.apiGatewayAccountRole':
      '일부러 `cdk destroy` 뒤에도 남기는 리소스: {path}({type}), 유휴 비용 없음. 계정·리전마다 하나인 API Gateway CloudWatch 설정이 이 역할을 가리키고, 그 리전의 모든 API가 이 역할로 로그를 씁니다. 설정을 다른 역할로 바꾼 뒤에만 이 역할을 삭제하세요.',
    'flow.caller': '호출자',
    'flow.cloudformation': 'CloudFormation(배포/삭제)',
    'flow.unauthenticated': '인증 없음',
  },
);
