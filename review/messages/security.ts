/** Ways in, risk classes, stale justifications, who may invoke the API, and the new report lines. */
import { defineMessages } from '../../lib/i18n';

export const SECURITY = defineMessages(
  {
    'expo.public':
      '{source} lets anyone ({who}) call {actions}, with no condition: a way in from outside the account.',
    'expo.trustPublic': 'Trust policy of {source} lets anyone ({who}) assume the role ({actions}).',
    'expo.publicNarrowed': '{source} names any principal ({who}) for {actions}, narrowed by {conds}.',
    'expo.otherAccount': '{source} grants another account, {who}: {actions}.',
    'expo.trustAccount': 'Role {source} may be assumed from another account, {who} ({actions}).',
    'expo.federated': '{source} lets federated identities of {who} call {actions} with no condition.',
    'expo.serviceNoSource':
      '{source} lets the service {who} call {actions} with no `aws:SourceArn` or `aws:SourceAccount`: that service acting for any account’s resource could use it (the confused deputy).',
    'expo.serviceSource':
      '{source}: the service {who} may call {actions} only for the source that {conds} names.',
    'expo.notPrincipal':
      '{source} allows {actions} to every principal but {who} (Allow with NotPrincipal): anyone in any account, other than those named.',
    'expo.publicUrl':
      '{source}: a function URL with auth type NONE: anyone on the internet can invoke the function.',
    'risk.permissionsAny':
      'Permissions management on any resource: {actions}. This principal can rewrite who may do what.',
    'risk.permissions':
      'Permissions management: {actions} on {scope}. This principal can change who may use {scope}.',
    'risk.logDelivery':
      'Log delivery for a state machine: {actions} on `*`, as Step Functions documents for logging to CloudWatch Logs (these actions take no log-group ARN; the role is assumed by Step Functions alone).',
    'risk.escalationAny': 'Privilege escalation: {actions} on `*`.',
    'risk.escalation': 'Privilege escalation path: {actions} on {scope}.',
    'risk.passRoleAny':
      '`iam:PassRole` on `*`: any role of the account, with all its permissions, can be handed to a service.',
    'risk.passRoleNoService':
      '`iam:PassRole` on {scope} with no `iam:PassedToService` condition: the role can be handed to any service.',
    'risk.credentials': 'Returns credentials, on any resource: {actions}.',
    'risk.readAll': 'Reads all stored data of its kind: {actions} on `*` with no condition.',
    'risk.writeAll':
      'Writes with no resource constraint: {actions} on `*` with no condition, though they accept resource ARNs.',
    'perm.actionLine': '{action} — {level} — “{description}” ({rl})',
    'perm.levels': '{name} {count}',
    'compliance.flag.staleReason':
      'The cdk-nag acknowledgement {rule} on {path} gives a reason that names {tokens}, which the policy no longer has: the justification is stale.',
    'perm.ackStale': 'Stale: the reason names {tokens}, which this policy no longer has.',
    'doc.ackReason': '“{reason}”',
    'doc.quote': '“{text}”',
    'doc.api.invokers.account':
      'Who may invoke: principals of this account whose IAM policies allow `execute-api:Invoke`, with SigV4-signed requests. No resource policy widens it.',
    'doc.api.invokers.policy':
      'Who may invoke: besides this account’s principals, the API’s resource policy lets in {who}.',
    'doc.api.invokers.open': 'Who may invoke: anyone on the internet, for the methods without authorization.',
    'api.flag.invokePublic':
      '{route} requires AWS_IAM, but the API’s resource policy lets {who} invoke it: SigV4-signed requests from any AWS account pass.',
    'api.flag.invokeOtherAccount':
      '{route}: the API’s resource policy lets {who} (another account) invoke it.',
    'cost.flag.modelUnpriced':
      'The role may invoke {model}, which the stack’s price table does not price: price unknown.',
    'doc.cost.models': 'Models the role may invoke, each priced: {models}.',
    'doc.cost.minimum': 'Minimum charge for {unit}: {text}',
    'doc.cost.note': 'How {unit} is billed: {text}',
    'doc.cost.viaProfiles': '(in some Regions through its {profiles} inference profiles)',
    'doc.cost.metered': 'Routes that call the metered service: {routes}.',
    'doc.cost.notMetered':
      'Not billed by the service: {routes} (they call no metered API; each still counts as an API Gateway request and a Lambda invocation).',
    'doc.cost.indirect': 'Indirect charge: {text}',
    'doc.cost.priceUnknown': 'price unknown',
    'doc.h.stays': 'Stays after destroy',
    'doc.destroy.staysNone':
      'Nothing of this stack stays after destroy, beyond what every CDK app leaves (below).',
    'destroy.stays.account':
      '{path} (`AWS::ApiGateway::Account`) is an account-wide API Gateway setting per Region. It stays after `cdk destroy` and keeps pointing at the deleted role, and deploying it replaced any logging role the account already had. To undo: set the CloudWatch log role ARN again in the API Gateway console (Settings), or deploy with `-c apiGatewayCloudWatchRole=false` when the account already has one.',
    'destroy.stays.accountRetained':
      '{path} (`AWS::ApiGateway::Account`) is an account-wide API Gateway setting, kept on purpose ({policy}): it stays after `cdk destroy`, with the role it names.',
    'destroy.stays.bootstrap':
      'The CDK bootstrap stack (`CDKToolkit`) and the {count} asset file(s) this stack uploads to its staging bucket stay after `cdk destroy --all`; the bucket bills for storage. Remove old assets with `cdk gc` or empty the bucket, and delete the `CDKToolkit` stack only when no CDK app in the account and Region still needs it.',
    'destroy.stays.serviceLogs':
      '{path}: {service} writes to {group}, a log group it creates itself outside the template. It stays after destroy and keeps its logs; delete it in the CloudWatch console.',
    'flow.sigv4': 'SigV4 (AWS_IAM)',
    'flow.proxy': 'proxy',
    'flow.accessLogs': 'access logs',
    'flow.logs': 'logs',
    'flow.event': 'event',
    'flow.actions': '{count} actions',
    'flow.invoke': 'invoke',
    'cli.outIsFile': '--out takes a folder: {path} is a file. Name a folder (it is created when missing).',
    'cli.skippedBundling':
      'Warning: this assembly was synthesized with bundling skipped ({count} function(s) hold source folders instead of bundles). The templates and the review are still right; the assets are not deployable. Synthesize again without `--exclusively`/bundling-stacks to deploy.',
    'cli.failed': '{count} finding(s) at or above {level}: exit status 1.',
    'cli.removed': 'Removed {count} report(s) of an earlier run from {dir}.',
  },
  {
    'expo.public':
      '{source}에서 누구나({who}) 조건 없이 {actions|을/를} 호출할 수 있습니다. 계정 밖에서 들어오는 길입니다.',
    'expo.trustPublic': '{source}의 신뢰 정책에서 누구나({who}) 이 역할을 맡을 수 있습니다({actions}).',
    'expo.publicNarrowed':
      '{source}에서 {actions}에 모든 보안 주체({who})를 허용하지만 {conds|으로/로} 좁혔습니다.',
    'expo.otherAccount': '{source}에서 다른 계정 {who}에 {actions|을/를} 허용합니다.',
    'expo.trustAccount': '역할 {source|은/는} 다른 계정 {who}에서 맡을 수 있습니다({actions}).',
    'expo.federated':
      '{source}에서 {who}의 페더레이션 자격 증명이 조건 없이 {actions|을/를} 호출할 수 있습니다.',
    'expo.serviceNoSource':
      '{source}에서 서비스 {who|이/가} `aws:SourceArn`이나 `aws:SourceAccount` 없이 {actions|을/를} 호출할 수 있습니다. 그 서비스가 다른 계정의 리소스를 대신해 이 권한을 쓸 수 있습니다(혼동된 대리자 문제).',
    'expo.serviceSource':
      '{source}: 서비스 {who|은/는} {conds|이/가} 지정한 출처에 대해서만 {actions|을/를} 호출할 수 있습니다.',
    'expo.notPrincipal':
      '{source}에서 {who|을/를} 뺀 모든 보안 주체에 {actions|을/를} 허용합니다(Allow와 NotPrincipal). 이름이 적힌 보안 주체 말고는 어느 계정의 누구나입니다.',
    'expo.publicUrl':
      '{source}: 인증 유형이 NONE인 함수 URL입니다. 인터넷의 누구나 함수를 호출할 수 있습니다.',
    'risk.permissionsAny':
      '모든 리소스에 대한 권한 관리 작업: {actions}. 이 보안 주체는 누가 무엇을 할 수 있는지 다시 쓸 수 있습니다.',
    'risk.permissions':
      '권한 관리 작업: {scope}에 대한 {actions}. 이 보안 주체는 {scope|을/를} 누가 쓸 수 있는지 바꿀 수 있습니다.',
    'risk.logDelivery':
      '상태 머신의 로그 전송: `*`에 대한 {actions}. Step Functions가 CloudWatch Logs 로깅에 필요하다고 안내하는 권한입니다(이 작업들은 로그 그룹 ARN을 받지 않고, 이 역할은 Step Functions만 맡습니다).',
    'risk.escalationAny': '권한 상승: `*`에 대한 {actions}.',
    'risk.escalation': '권한 상승 경로: {scope}에 대한 {actions}.',
    'risk.passRoleAny':
      '`*`에 대한 `iam:PassRole`: 계정의 어떤 역할이든 그 권한째로 서비스에 넘길 수 있습니다.',
    'risk.passRoleNoService':
      '`iam:PassedToService` 조건 없는 {scope}에 대한 `iam:PassRole`: 역할을 어떤 서비스에든 넘길 수 있습니다.',
    'risk.credentials': '모든 리소스에 대해 자격 증명을 돌려주는 작업: {actions}.',
    'risk.readAll': '같은 종류의 저장된 데이터를 모두 읽습니다: 조건 없이 `*`에 대한 {actions}.',
    'risk.writeAll':
      '리소스 제약 없는 쓰기: 리소스 ARN을 지정할 수 있는 작업인데도 조건 없이 `*`에 대한 {actions}.',
    'perm.actionLine': '{action} — {level} — AWS 참조의 영어 원문: “{description}” ({rl})',
    'perm.levels': '{name} {count}개',
    'compliance.flag.staleReason':
      '{path}의 cdk-nag 승인 {rule}에 적힌 사유가 {tokens|을/를} 근거로 들지만 정책에는 더 이상 없습니다. 사유가 낡았습니다.',
    'perm.ackStale': '낡은 사유: 사유가 드는 {tokens|이/가} 이 정책에 더 이상 없습니다.',
    'doc.ackReason': '영어 원문: “{reason}”',
    'doc.quote': '영어 원문: “{text}”',
    'doc.api.invokers.account':
      '호출할 수 있는 보안 주체: IAM 정책이 `execute-api:Invoke` 호출을 허용하는, 이 계정의 보안 주체가 SigV4로 서명한 요청. 리소스 기반 정책으로 넓힌 곳은 없습니다.',
    'doc.api.invokers.policy':
      '호출할 수 있는 보안 주체: 이 계정의 보안 주체 외에, API의 리소스 기반 정책이 {who|을/를} 허용합니다.',
    'doc.api.invokers.open':
      '호출할 수 있는 보안 주체: 권한 부여가 없는 메서드는 인터넷의 누구나 호출할 수 있습니다.',
    'api.flag.invokePublic':
      '{route}에는 AWS_IAM이 필요하지만 API의 리소스 기반 정책이 {who}의 호출을 허용합니다. 어느 AWS 계정이든 SigV4로 서명한 요청이면 통과합니다.',
    'api.flag.invokeOtherAccount': '{route}: API의 리소스 기반 정책이 다른 계정 {who}의 호출을 허용합니다.',
    'cost.flag.modelUnpriced':
      '역할이 {model|을/를} 호출할 수 있지만 스택의 가격표에 가격이 없습니다. 가격을 알 수 없습니다.',
    'doc.cost.models': '역할이 호출할 수 있는 모델(모두 가격 있음): {models}.',
    'doc.cost.minimum': '{unit}의 최소 과금: {text}',
    'doc.cost.note': '{unit}의 과금 방식: {text}',
    'doc.cost.viaProfiles': '(일부 리전에서는 {profiles} 추론 프로파일로 호출)',
    'doc.cost.metered': '과금 대상 서비스를 호출하는 경로: {routes}.',
    'doc.cost.notMetered':
      '서비스 요금이 붙지 않는 경로: {routes}(과금되는 API를 호출하지 않음. API Gateway 요청과 Lambda 호출로는 계산됨).',
    'doc.cost.indirect': '간접 비용: {text}',
    'doc.cost.priceUnknown': '가격 알 수 없음',
    'doc.h.stays': '삭제 후에도 남는 것',
    'doc.destroy.staysNone':
      '이 스택에서 삭제 후에도 남는 것은 없습니다. 모든 CDK 앱이 남기는 것은 아래와 같습니다.',
    'destroy.stays.account':
      '{path}(`AWS::ApiGateway::Account`)는 리전별 계정 전체의 API Gateway 설정입니다. `cdk destroy` 뒤에도 남아 삭제된 역할을 계속 가리키고, 배포할 때 계정에 이미 있던 로깅 역할을 바꿔 놓았습니다. 되돌리려면 API Gateway 콘솔의 설정에서 CloudWatch 로그 역할 ARN을 다시 지정하거나, 계정에 이미 역할이 있으면 `-c apiGatewayCloudWatchRole=false` 설정으로 배포하세요.',
    'destroy.stays.accountRetained':
      '{path}(`AWS::ApiGateway::Account`)는 계정 전체의 API Gateway 설정으로, 일부러 남깁니다({policy}). `cdk destroy` 뒤에도 지정한 역할과 함께 남습니다.',
    'destroy.stays.bootstrap':
      'CDK 부트스트랩 스택(`CDKToolkit`)과 이 스택이 스테이징 버킷에 올리는 자산 파일 {count}개는 `cdk destroy --all` 뒤에도 남고, 버킷에는 저장 요금이 붙습니다. 오래된 자산은 `cdk gc` 명령으로 지우거나 버킷을 비우고, `CDKToolkit` 스택은 그 계정과 리전의 어떤 CDK 앱도 쓰지 않을 때만 삭제하세요.',
    'destroy.stays.serviceLogs':
      '{path}: {service|이/가} 템플릿 밖에서 직접 만드는 로그 그룹 {group}에 로그를 씁니다. 삭제 후에도 로그와 함께 남으니 CloudWatch 콘솔에서 지우세요.',
    'flow.sigv4': 'SigV4(AWS_IAM)',
    'flow.proxy': '프록시',
    'flow.accessLogs': '액세스 로그',
    'flow.logs': '로그',
    'flow.event': '이벤트',
    'flow.actions': '작업 {count}개',
    'flow.invoke': '호출',
    'cli.outIsFile':
      '--out에는 폴더를 지정합니다. {path|은/는} 파일입니다. 폴더를 지정하세요(없으면 만듭니다).',
    'cli.skippedBundling':
      '경고: 번들링을 건너뛰고 합성한 어셈블리입니다(함수 {count}개가 번들 대신 소스 폴더를 담음). 템플릿과 검토 내용은 맞지만 자산은 배포할 수 없습니다. 배포하려면 번들링을 켜고 다시 합성하세요.',
    'cli.failed': '{level} 이상의 결과가 {count}개 있어 종료 상태 1로 끝냅니다.',
    'cli.removed': '{dir}에서 이전 실행의 보고서 {count}개를 지웠습니다.',
  },
);
