/** The governed-accounts section: which AWS Control Tower proactive controls fail, why, and the setting that satisfies each. */
import { defineMessages } from '../../lib/i18n';

export const GOVERNED = defineMessages(
  {
    'doc.h.governed': 'Governed accounts (AWS Control Tower proactive controls)',
    'doc.governed.intro':
      'AWS Control Tower’s proactive controls ({rules} rules from {package} {version}, run offline with cfn-guard {guard}; {applicable} of them check a resource type the lab’s templates have, the rest skip) over this template. Where an administrator turned a control on, it runs as a CloudFormation hook when a resource is created or updated, and a failing resource stops `cdk deploy`.',
    'doc.governed.none': 'No proactive control fails on this template.',
    'doc.governed.notRun': 'The proactive-control rules could not run here: {error}',
    'doc.governed.count':
      '{count} control(s) fail on {resources} resource(s). `-c governed=true` clears those marked ✓.',
    'governed.fail': 'Control Tower proactive control {control} fails on {path}.',
    'col.control': 'control',
    'col.resources': 'resources',
    'col.why': 'why the lab does this',
    'col.fix': 'what satisfies it',
    'governed.cheap': '✓ `-c governed=true`',
    'governed.why.CT.CLOUDWATCH.PR.2':
      'Logs are kept 7 days (`logRetentionDays`): in a sandbox they are debugging aids, and a short retention keeps storage near $0.',
    'governed.fix.CT.CLOUDWATCH.PR.2':
      '`-c governed=true` (every log group keeps 365 days), or `-c logRetentionDays=365`.',
    'governed.why.CT.CLOUDWATCH.PR.3':
      'A customer managed KMS key is billed for every month it exists, which would end the lab’s $0 idle cost; CloudWatch Logs encrypts log data at rest without one.',
    'governed.fix.CT.CLOUDWATCH.PR.3':
      'Not offered as a setting: give the log groups a KMS key of your own in the stack code, at a monthly key charge.',
    'governed.why.CT.LAMBDA.PR.2':
      'Every permission already names its API in `SourceArn` (which carries the account ID), an ARN the template joins from the Region, the account and the API’s id. Read from a template, the rule accepts `SourceArn` only as a literal string or a reference to a resource of the same template, and `SourceAccount` only as a literal string, so a `SourceAccount` set to the deploying account’s id would fail it too. The deployed control runs as a hook on the properties CloudFormation is about to create; whether it passes this permission is not verified here (one report on the package’s tracker says it did).',
    'governed.why.CT.APIGATEWAY.PR.1':
      'API Gateway writes execution logs only through the account’s API Gateway CloudWatch role, an account-wide setting the lab leaves alone by default (`-c apiGatewayCloudWatchRole=none`), and it refuses a logging stage in an account without one; the function logs and X-Ray traces record every call either way.',
    'governed.fix.CT.APIGATEWAY.PR.1':
      '`-c apiGatewayCloudWatchRole=existing` where the account already has the role (execution logging at ERROR on every method), or `=create` to make one, kept after destroy.',
    'governed.fix.CT.LAMBDA.PR.2':
      'Nothing to change in the lab: a literal account ID would pass offline but tie the templates to one account. If the hook blocks the deploy, ask the account’s administrator to exempt this control for the lab’s stacks.',
    'governed.why.CT.LAMBDA.PR.3':
      'A function in a VPC needs NAT gateways or interface endpoints to reach the AI services, both billed by the hour: the lab would cost money while idle.',
    'governed.fix.CT.LAMBDA.PR.3': 'Not offered: it would add an hourly charge.',
    'governed.why.CT.S3.PR.2':
      'A second bucket for access logs would need its own versioning, logging and clean-up; CloudTrail and the function logs already record who used the scratch bucket.',
    'governed.fix.CT.S3.PR.2': 'Not offered as a setting.',
    'governed.why.CT.S3.PR.4': 'Nothing in the lab reacts to bucket events.',
    'governed.fix.CT.S3.PR.4':
      'Not offered as a setting: an EventBridge notification configuration on the bucket (`NotificationConfiguration.EventBridgeConfiguration`) satisfies it.',
    'governed.why.CT.S3.PR.9':
      'Object Lock exists to keep objects from being deleted; the bucket holds scratch data that expires after a day and is emptied on destroy.',
    'governed.fix.CT.S3.PR.9': 'Not offered: it works against the bucket’s clean-up.',
    'governed.why.CT.S3.PR.10':
      'SSE-S3 encrypts every object at no charge; SSE-KMS adds a KMS request per object and `kms:Decrypt` grants for Textract and Transcribe that the lab has not tried against AWS.',
    'governed.fix.CT.S3.PR.10': 'Not offered as a setting.',
    'governed.why.CT.S3.PR.11': 'Objects expire after a day; older versions would only add storage.',
    'governed.fix.CT.S3.PR.11':
      '`-c governed=true`: versioning on, older versions expire after a day, and destroy still empties every version.',
    'governed.why.unknown': 'The review has no note on this control.',
    'governed.fix.unknown': 'The rule’s own advice: {fix}',
  },
  {
    'doc.h.governed': '거버넌스 계정(AWS Control Tower 사전 예방 제어)',
    'doc.governed.intro':
      'AWS Control Tower의 사전 예방 제어({package} {version}의 규칙 {rules}개, cfn-guard {guard|으로/로} 오프라인 실행. 그중 {applicable}개가 실습실 템플릿에 있는 리소스 유형을 검사하고 나머지는 건너뜀)를 이 템플릿에 적용한 결과입니다. 관리자가 제어를 켠 계정에서는 리소스를 만들거나 바꿀 때 CloudFormation 후크로 실행되어, 통과하지 못한 리소스가 있으면 `cdk deploy` 실행이 멈춥니다.',
    'doc.governed.none': '이 템플릿에서 통과하지 못한 사전 예방 제어가 없습니다.',
    'doc.governed.notRun': '사전 예방 제어 규칙을 여기서 실행하지 못했습니다: {error}',
    'doc.governed.count':
      '제어 {count}개가 리소스 {resources}개에서 통과하지 못합니다. ✓ 표시는 `-c governed=true` 설정으로 해결됩니다.',
    'governed.fail': '{path}에서 Control Tower 사전 예방 제어 {control|을/를} 통과하지 못합니다.',
    'col.control': '제어',
    'col.resources': '리소스',
    'col.why': '실습실이 이렇게 하는 이유',
    'col.fix': '해결 방법',
    'governed.cheap': '✓ `-c governed=true`',
    'governed.why.CT.CLOUDWATCH.PR.2':
      '로그는 7일 동안 보관합니다(`logRetentionDays`). 샌드박스에서 로그는 디버깅 도구이고, 보존 기간이 짧아야 저장 비용이 $0에 가깝습니다.',
    'governed.fix.CT.CLOUDWATCH.PR.2':
      '`-c governed=true`(모든 로그 그룹 365일 보관) 또는 `-c logRetentionDays=365`.',
    'governed.why.CT.CLOUDWATCH.PR.3':
      '고객 관리형 KMS 키는 존재하는 동안 매달 요금이 붙어 실습실의 유휴 비용 $0이 깨집니다. CloudWatch Logs는 키 없이도 저장된 로그를 암호화합니다.',
    'governed.fix.CT.CLOUDWATCH.PR.3':
      '설정으로 제공하지 않습니다. 스택 코드에서 로그 그룹에 직접 KMS 키를 지정하면 되며, 키 요금이 매달 붙습니다.',
    'governed.why.CT.LAMBDA.PR.2':
      '모든 권한에 이미 `SourceArn`(계정 ID 포함)으로 API를 지정했고, 이 ARN은 템플릿이 리전, 계정, API ID를 이어 붙여 만듭니다. 템플릿을 읽을 때 이 규칙은 `SourceArn`이 문자열 그대로이거나 같은 템플릿 안 리소스에 대한 참조일 때만, `SourceAccount`는 문자열 그대로일 때만 인정하므로, `SourceAccount`에 배포하는 계정의 ID를 넣어도 통과하지 못합니다. 배포 시 제어는 CloudFormation이 만들려는 속성을 대상으로 후크로 실행되는데, 이 권한을 통과시키는지는 여기서 확인하지 못했습니다(패키지 이슈 트래커에 통과했다는 보고가 하나 있습니다).',
    'governed.why.CT.APIGATEWAY.PR.1':
      'API Gateway는 계정의 API Gateway CloudWatch 역할을 통해서만 실행 로그를 씁니다. 이 역할은 계정 전체 설정이라 실습실은 기본값(`-c apiGatewayCloudWatchRole=none`)에서 건드리지 않으며, 역할이 없는 계정에서는 로깅 스테이지를 만들 수 없습니다. 함수 로그와 X-Ray 추적은 어느 쪽이든 모든 호출을 기록합니다.',
    'governed.fix.CT.APIGATEWAY.PR.1':
      '계정에 이미 역할이 있으면 `-c apiGatewayCloudWatchRole=existing`(모든 메서드에 ERROR 수준 실행 로깅), 없으면 `=create`로 역할을 만듭니다(삭제 후에도 남음).',
    'governed.fix.CT.LAMBDA.PR.2':
      '실습실에서 바꿀 것은 없습니다. 계정 ID를 문자열로 적으면 오프라인 검사는 통과하지만 템플릿이 한 계정에 묶입니다. 후크가 배포를 막으면 계정 관리자에게 실습실 스택에 대해 이 제어를 예외로 해 달라고 요청하세요.',
    'governed.why.CT.LAMBDA.PR.3':
      'VPC 안의 함수가 AI 서비스에 닿으려면 NAT 게이트웨이나 인터페이스 엔드포인트가 필요하고, 둘 다 시간 단위로 과금되어 유휴 상태에서도 비용이 듭니다.',
    'governed.fix.CT.LAMBDA.PR.3': '제공하지 않습니다. 시간당 요금이 생깁니다.',
    'governed.why.CT.S3.PR.2':
      '액세스 로그용 버킷을 하나 더 두면 그 버킷에도 버전 관리, 로깅, 정리가 필요합니다. 스크래치 버킷을 누가 썼는지는 CloudTrail과 함수 로그에 이미 남습니다.',
    'governed.fix.CT.S3.PR.2': '설정으로 제공하지 않습니다.',
    'governed.why.CT.S3.PR.4': '실습실에는 버킷 이벤트에 반응하는 것이 없습니다.',
    'governed.fix.CT.S3.PR.4':
      '설정으로 제공하지 않습니다. 버킷에 EventBridge 알림 구성(`NotificationConfiguration.EventBridgeConfiguration`)을 두면 통과합니다.',
    'governed.why.CT.S3.PR.9':
      'Object Lock은 객체가 지워지지 않게 하는 기능인데, 이 버킷은 하루 뒤 만료되고 삭제할 때 비워지는 스크래치 데이터를 담습니다.',
    'governed.fix.CT.S3.PR.9': '제공하지 않습니다. 버킷 정리와 충돌합니다.',
    'governed.why.CT.S3.PR.10':
      'SSE-S3는 모든 객체를 무료로 암호화합니다. SSE-KMS는 객체마다 KMS 요청 요금이 붙고, Textract와 Transcribe에 필요한 `kms:Decrypt` 권한은 AWS에서 시험해 보지 않았습니다.',
    'governed.fix.CT.S3.PR.10': '설정으로 제공하지 않습니다.',
    'governed.why.CT.S3.PR.11': '객체는 하루 뒤 만료되므로, 이전 버전은 저장 용량만 늘립니다.',
    'governed.fix.CT.S3.PR.11':
      '`-c governed=true`: 버전 관리를 켜고 이전 버전은 하루 뒤 만료하며, 삭제할 때는 모든 버전을 비웁니다.',
    'governed.why.unknown': '검토 도구에 이 제어에 대한 설명이 없습니다.',
    'governed.fix.unknown': '규칙이 제시하는 방법(영어 원문): “{fix}”',
  },
);
