/**
 * Every sentence the doctor prints, in English and Korean (lib/i18n.ts: the Korean table must have
 * every key; particles after a value are written `{name|을/를}` and chosen by es-hangul). Commands,
 * ids and AWS's own status words stay as they are, in backticks.
 */
import { defineMessages } from '../../lib/i18n';

export const DOCTOR_MESSAGES = defineMessages(
  {
    header: 'ai-services-lab doctor: account {account}, Region {region} ({source}), prefix {prefix}',
    'source.profile': 'profile {profile}',
    'mark.pass': '✓',
    'mark.warn': '!',
    'mark.fail': '✗',
    'summary.counts': '{pass} ready, {warn} to note, {fail} to fix.',
    'summary.fix': 'Fix the ✗ lines, then run `npm run doctor` again.',
    'summary.ready': 'Ready to deploy: `{command}`.',
    noCredentials: 'No usable AWS credentials (the SDK says: “{why}”). {help}',
    'noCredentials.help':
      'Configure them with `aws configure`, `aws sso login --profile NAME` (then --profile NAME or AWS_PROFILE=NAME), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    noRegion:
      'No AWS Region: pass --region, set AWS_REGION, or set a region in your profile (`aws configure`).',
    stsError: 'Could not ask AWS STS who you are in {region} (the SDK says: “{error}”).',
    badConfig: 'Invalid lab settings (as synth would say: “{message}”).',

    'account.title': 'Account',
    'account.ok': '{account}, signed in as {arn}',
    'region.title': 'Region',
    'region.ok': "{region} is in the lab's Region table (facts read {asOf})",
    'region.notInTable':
      "{region} is not in the lab's Region table: the stacks' rule stops `cdk deploy` there before anything is created. The table has {regions}.",
    'region.fix':
      'Pick a Region of the table, e.g. `AWS_REGION={suggest} npm run doctor`, or add the facts for {region} with their sources to lambda/shared/region-facts.ts.',

    'bootstrap.title': 'CDK bootstrap',
    'bootstrap.ok': 'version {deployed} (the lab needs {required} or later)',
    'bootstrap.upgrade':
      'The installed CDK CLI bootstraps version {latest}: `npx cdk bootstrap aws://{account}/{region}` upgrades it (optional).',
    'bootstrap.missing':
      "{account}/{region} is not bootstrapped ({parameter} does not exist): `cdk deploy` has nowhere to upload the lab's assets.",
    'bootstrap.old':
      "version {deployed}, but the lab's templates need {required} or later: their bootstrap-version rule stops the deploy.",
    'bootstrap.fix': '`npx cdk bootstrap aws://{account}/{region}`',
    'bootstrap.denied': 'could not read {parameter} ({error}): the doctor needs `ssm:GetParameter` on it.',
    'bootstrap.error': 'could not read {parameter} ({error}).',
    'bootstrap.denied.fix':
      'Look at the CDKToolkit stack in the CloudFormation console ({region}): its `BootstrapVersion` output is the version.',

    'model.title': 'Model {model}',
    'model.inRegion': 'called in {region} on demand',
    'model.profile': 'called through the inference profile {profile}, which routes to {destinations}',
    'model.none':
      'not callable on demand in {region}: `POST /bedrock/converse`, `/bedrock/converse-stream` and `/bedrock/ask-notes` would answer 501. The Region table offers it in {regions}.',
    'model.none.compare':
      'not callable on demand in {region}, and fewer than two of the comparison models are: POST /bedrock/compare would answer 501. Offered in {regions}.',
    'model.none.compareOk':
      'not callable on demand in {region} (offered in {regions}): a comparison request that names it answers 501; the others work.',
    'model.notInTable':
      "{model} is not in the lab's Region table: synth stops until another model is chosen or its facts are added.",
    'model.fix.use': 'Choose a model the table knows: `{command}`.',
    'model.fix.switch': 'Use one this Region can call: `{command}`, or deploy in {regions}.',
    'model.fix.region': 'Deploy in one of {regions}.',
    'model.notOnDemand':
      'Bedrock lists the model in {region}, but not for on-demand calls (inference types: {types}).',
    'model.legacy': 'Bedrock marks it `LEGACY`: AWS will retire it; a newer model is the safer choice.',
    'model.profileInactive': "the profile's status is `{status}`, not `ACTIVE`.",
    'model.profileRoutes':
      "the profile now routes to {actual}; the Region table says {table}, and the function's IAM allows only those, so calls routed elsewhere would be denied.",
    'model.fix.profileRoutes':
      "Update the profile's destinations in lambda/shared/region-facts.ts (with the source) and deploy again.",
    'model.agreement.pending':
      "Bedrock reports the model's agreement as `PENDING`: an AWS Marketplace subscription is being set up (it can take up to 15 minutes); run the doctor again later.",
    'model.agreement.missing':
      "Bedrock reports the model's agreement as `{status}`: the account has no AWS Marketplace subscription for it yet.",
    'model.agreement.said': 'Bedrock says: “{error}”',
    'model.notAuthorized': 'Bedrock reports this account as `NOT_AUTHORIZED` for the model.',
    'model.fix.authorize':
      "An IAM policy or SCP denies it, or (Anthropic models) the use-case form is missing: ask the account's administrator, or submit the form from the model's page in the Model catalog of the Amazon Bedrock console.",
    'model.notEntitled': "Bedrock reports the model's entitlement as `NOT_AVAILABLE` for this account.",
    'model.regionUnavailable': 'Bedrock reports the model as `NOT_AVAILABLE` in {region}.',
    'model.fix.console':
      'Open the model once in the Model catalog of the Amazon Bedrock console (https://console.aws.amazon.com/bedrock/home?region={region}), signed in as someone allowed to subscribe through AWS Marketplace; then run the doctor again.',
    'model.denied':
      'the doctor could not read it ({error}): it needs `bedrock:GetFoundationModel`, `bedrock:GetInferenceProfile` and `bedrock:GetFoundationModelAvailability`.',
    'model.unknownHere':
      'Bedrock does not know {id} in {region} (“{error}”), although the Region table lists it.',
    'model.availability.none':
      'Bedrock keeps no availability record for the model in {region}, where it is called through the profile.',
    'model.availability.error': 'the account’s access to the model could not be read ({error}).',

    'guardrail.title': 'Guardrail (Korean)',
    'guardrail.standard':
      'Standard tier through the guardrail profile {profile} (routes to {destinations}): the content filters and the prompt-attack filter read Korean',
    'guardrail.fromTable':
      'From the Region table: Bedrock has no read-only API for guardrail profiles, so this is not checked against the account.',
    'guardrail.classic':
      'only the Classic tier in {region}: its content filters and prompt-attack filter read English, French and Spanish, not Korean.',
    'guardrail.off': 'off (`-c bedrockGuardrail=false`): the Bedrock routes answer without a guardrail.',
    'guardrail.fix.on': 'Turn it on: `{command}`.',

    'service.title': '{service} ({stack})',
    'service.ok': 'offered in {region}',
    'service.pipeline':
      "every step's service and model is offered in {region} (AWS Step Functions itself is not in the Region table)",
    'service.missing':
      '{service} is not offered in {region}: every route of the stack answers 501. Offered in {regions}.',
    'service.fix':
      'Deploy {stack} in another Region (`AWS_REGION={other} npx cdk deploy {stack}`), and the other stacks here by name.',
    'service.partial': 'offered in {region}, with gaps:',
    'service.routeGap': '{route} answers 501 here: it needs {need} (offered in {regions}).',
    'service.requestGap': 'requests for {need} answer 501 here (offered in {regions}).',
    'feature.comprehend-pii': 'Comprehend PII detection',
    'feature.comprehend-toxicity': 'Comprehend toxicity detection',
    'feature.translate-auto-detect': "Translate's automatic source-language detection",
    'feature.polly-standard': "Polly's standard engine",
    'feature.polly-neural': "Polly's neural engine",
    'feature.polly-generative': "Polly's generative engine",
    'feature.bedrock-guardrails-standard': 'the Standard tier of Bedrock Guardrails',

    'apigw.title': 'API Gateway CloudWatch role',
    'apigw.none.set':
      'the account has one ({role}); the lab leaves the setting alone (`apiGatewayCloudWatchRole=none`), so its stages log nothing to CloudWatch',
    'apigw.none.tip': 'To have the stages log through it: `{command}`.',
    'apigw.none.unset':
      'none in {region}, and the lab leaves it so (`apiGatewayCloudWatchRole=none`): the stages log nothing to CloudWatch; the function logs and X-Ray traces remain',
    'apigw.existing.ok': 'set ({role}): the stages log through it (`apiGatewayCloudWatchRole=existing`)',
    'apigw.existing.missing':
      '`apiGatewayCloudWatchRole=existing`, but the account has no role in {region}: API Gateway refuses to create a stage that logs, and the deploy fails.',
    'apigw.fix.missing':
      '`{create}` (the lab makes the role and keeps it on destroy), or `{none}` (no stage logs).',
    'apigw.create.ok': 'none yet: {stack} will create one and point the setting at it (both kept on destroy)',
    'apigw.create.replace':
      "the account already has {role}: `apiGatewayCloudWatchRole=create` would point the account's setting at a new role, for every API in the account and Region.",
    'apigw.fix.replace': 'Log through the existing role instead: `{command}`.',
    'apigw.denied': 'could not read the setting ({error}): the doctor needs `apigateway:GET` on the account.',
    'apigw.error': 'could not read the setting ({error}).',

    'hooks.title': 'CloudFormation hooks',
    'hooks.none': "none in {region}: nothing checks the lab's resources before they are created",
    'hooks.noneActive': "{count} in the registry, none active on the lab's stacks",
    'hooks.active': "{count} active on the lab's stacks in {region}:",
    'hooks.controls.fail':
      '{hook} (`FAIL` mode) applies AWS Control Tower proactive controls the lab fails; `cdk deploy` stops at the first failing resource:',
    'hooks.controls.warn':
      '{hook} (`WARN` mode) applies AWS Control Tower proactive controls the lab fails; the deploy goes on with warnings:',
    'hooks.control': '{control} fails on {stacks}',
    'hooks.controls.clear':
      '{hook} applies {count} proactive control(s); none fails on the lab stacks it checks.',
    'hooks.ct.unread':
      '{hook} (`{mode}` mode) is an AWS Control Tower hook whose controls the doctor could not read.',
    'hooks.other': "{hook} (`{mode}` mode) checks the lab's stacks; what it checks the doctor cannot tell.",
    'hooks.fix.governed': '`{command}` satisfies these controls.',
    'hooks.fix.partly':
      "`{command}` satisfies some of them; for {controls} no setting does: ask the account's administrator to leave the lab's stacks out of {hook} (its stack filters), or use another account.",
    'hooks.fix.admin':
      "No setting satisfies these controls: ask the account's administrator to leave the lab's stacks out of {hook} (its stack filters), or use another account.",
    'hooks.fix.review':
      '`npm run review` lists every proactive control the lab fails (docs/review.md, governed accounts): compare them with the controls the administrator turned on.',
    'hooks.fix.ask':
      "Ask the account's administrator what {hook} checks; `npm run review` shows what AWS Control Tower's controls say of the lab.",
    'hooks.denied':
      'could not list them ({error}): the doctor needs `cloudformation:ListTypes` and `cloudformation:BatchDescribeTypeConfigurations`.',
    'hooks.error': 'could not list them in {region} ({error}).',

    'budget.title': 'Budget',
    'budget.ok': '{name}: {amount} {unit} a month',
    'budget.planned': '{stack} will create {name} ({amount} USD a month) on deploy',
    'budget.none': 'the account has no budget: nothing alerts you when the lab costs more than planned.',
    'budget.others': 'no lab budget; the account has {count} other budget(s).',
    'budget.fix': "Create the lab's: `{command}`.",
    'budget.denied': 'could not read budgets ({error}): the doctor needs `budgets:ViewBudget`.',
    'budget.error': 'could not read budgets ({error}).',
  },
  {
    header: 'ai-services-lab 사전 점검: 계정 {account}, 리전 {region}({source}), 접두사 {prefix}',
    'source.profile': '프로필 {profile}',
    'mark.pass': '✓',
    'mark.warn': '!',
    'mark.fail': '✗',
    'summary.counts': '준비됨 {pass}개, 참고 {warn}개, 고칠 것 {fail}개.',
    'summary.fix': '✗ 줄을 고친 뒤 `npm run doctor`를 다시 실행하세요.',
    'summary.ready': '배포할 준비가 되었습니다: `{command}`',
    noCredentials: '사용할 수 있는 AWS 자격 증명이 없습니다(SDK 메시지, 영어 원문: “{why}”). {help}',
    'noCredentials.help':
      '`aws configure`, `aws sso login --profile 이름`(그다음 `--profile 이름` 또는 `AWS_PROFILE=이름`), 또는 `AWS_ACCESS_KEY_ID`와 `AWS_SECRET_ACCESS_KEY`로 설정하세요.',
    noRegion:
      'AWS 리전이 정해지지 않았습니다. `--region`을 주거나, `AWS_REGION`을 설정하거나, 프로필에 리전을 설정하세요(`aws configure`).',
    stsError: '{region}에서 AWS STS에 호출자를 묻지 못했습니다(SDK 메시지, 영어 원문: “{error}”).',
    badConfig: '실습실 설정이 잘못되었습니다(합성 시 메시지, 영어 원문: “{message}”).',

    'account.title': '계정',
    'account.ok': '{account}, 호출자 {arn}',
    'region.title': '리전',
    'region.ok': '{region|은/는} 실습실 리전 표에 있습니다(사실 확인일 {asOf})',
    'region.notInTable':
      '{region|은/는} 실습실 리전 표에 없습니다. 스택의 규칙이 아무것도 만들기 전에 `cdk deploy`를 멈춥니다. 표에 있는 리전: {regions}.',
    'region.fix':
      '표에 있는 리전을 고르세요(예: `AWS_REGION={suggest} npm run doctor`). 또는 {region}의 사실을 출처와 함께 lambda/shared/region-facts.ts에 추가하세요.',

    'bootstrap.title': 'CDK 부트스트랩',
    'bootstrap.ok': '버전 {deployed}(실습실에는 {required} 이상 필요)',
    'bootstrap.upgrade':
      '설치된 CDK CLI는 버전 {latest|으로/로} 부트스트랩합니다. 올리려면(선택): `npx cdk bootstrap aws://{account}/{region}`',
    'bootstrap.missing':
      '{account}/{region|은/는} 부트스트랩되지 않았습니다({parameter} 없음). `cdk deploy`가 실습실 자산을 올릴 곳이 없습니다.',
    'bootstrap.old':
      '배포된 버전은 {deployed}, 실습실 템플릿에 필요한 버전은 {required} 이상입니다. 템플릿의 부트스트랩 버전 규칙이 배포를 멈춥니다.',
    'bootstrap.fix': '`npx cdk bootstrap aws://{account}/{region}`',
    'bootstrap.denied':
      '{parameter|을/를} 읽지 못했습니다({error}). 사전 점검에는 그 파라미터에 대한 `ssm:GetParameter` 권한이 필요합니다.',
    'bootstrap.error': '{parameter|을/를} 읽지 못했습니다({error}).',
    'bootstrap.denied.fix':
      'CloudFormation 콘솔({region})에서 CDKToolkit 스택을 보세요. 출력 `BootstrapVersion`이 버전입니다.',

    'model.title': '모델 {model}',
    'model.inRegion': '{region}에서 온디맨드로 호출합니다',
    'model.profile': '추론 프로파일 {profile|을/를} 거쳐 호출합니다(라우팅 리전: {destinations})',
    'model.none':
      '{region}에서 온디맨드로 호출할 수 없습니다. `POST /bedrock/converse`, `/bedrock/converse-stream`, `/bedrock/ask-notes` 경로가 501로 답합니다. 리전 표에서 호출할 수 있는 리전: {regions}.',
    'model.none.compare':
      '{region}에서 온디맨드로 호출할 수 없고, 비교 모델 중 호출할 수 있는 것이 둘 미만이라 `POST /bedrock/compare`가 501로 답합니다. 호출할 수 있는 리전: {regions}.',
    'model.none.compareOk':
      '{region}에서 온디맨드로 호출할 수 없습니다(호출할 수 있는 리전: {regions}). 이 모델을 지정한 비교 요청은 501로 답하고, 나머지 모델은 동작합니다.',
    'model.notInTable':
      '{model|은/는} 실습실 리전 표에 없습니다. 다른 모델을 고르거나 그 사실을 추가하기 전에는 합성이 멈춥니다.',
    'model.fix.use': '리전 표에 있는 모델을 고르세요: `{command}`',
    'model.fix.switch':
      '이 리전에서 호출할 수 있는 모델을 쓰세요: `{command}`. 또는 {regions} 중 한 곳에 배포하세요.',
    'model.fix.region': '{regions} 중 한 곳에 배포하세요.',
    'model.notOnDemand':
      'Bedrock은 {region}에 이 모델이 있다고 하지만 온디맨드 호출은 지원하지 않습니다(추론 유형: {types}).',
    'model.legacy':
      'Bedrock이 이 모델을 `LEGACY`로 표시합니다. AWS가 지원을 끝낼 예정이므로 새 모델이 안전합니다.',
    'model.profileInactive': '추론 프로파일의 상태가 `ACTIVE`가 아니라 `{status}`입니다.',
    'model.profileRoutes':
      '추론 프로파일이 지금은 {actual|으로/로} 라우팅합니다. 리전 표는 {table|이라/라}고 하고 함수의 IAM은 그 리전만 허용하므로, 다른 리전으로 라우팅된 호출은 거부됩니다.',
    'model.fix.profileRoutes':
      'lambda/shared/region-facts.ts에서 이 추론 프로파일의 대상 리전을 출처와 함께 고치고 다시 배포하세요.',
    'model.agreement.pending':
      'Bedrock이 모델 계약 상태를 `PENDING`으로 알립니다. AWS Marketplace 구독을 준비하는 중입니다(최대 15분). 잠시 뒤 사전 점검을 다시 실행하세요.',
    'model.agreement.missing':
      'Bedrock이 알리는 모델 계약 상태는 `{status}`입니다. 이 계정에는 아직 이 모델의 AWS Marketplace 구독이 없습니다.',
    'model.agreement.said': 'Bedrock 메시지(영어 원문): “{error}”',
    'model.notAuthorized': 'Bedrock이 이 계정을 이 모델에 대해 `NOT_AUTHORIZED`로 알립니다.',
    'model.fix.authorize':
      'IAM 정책이나 SCP가 막고 있거나, (Anthropic 모델이라면) 사용 사례 양식이 제출되지 않았습니다. 계정 관리자에게 문의하거나, Amazon Bedrock 콘솔의 모델 카탈로그에서 모델 페이지를 열어 양식을 제출하세요.',
    'model.notEntitled': 'Bedrock이 이 계정의 모델 사용 권한을 `NOT_AVAILABLE`로 알립니다.',
    'model.regionUnavailable': 'Bedrock이 {region}에서 이 모델을 `NOT_AVAILABLE`로 알립니다.',
    'model.fix.console':
      'AWS Marketplace 구독 권한이 있는 사용자로 Amazon Bedrock 콘솔의 모델 카탈로그(https://console.aws.amazon.com/bedrock/home?region={region})에서 모델을 한 번 연 다음, 사전 점검을 다시 실행하세요.',
    'model.denied':
      '읽지 못했습니다({error}). 사전 점검에는 `bedrock:GetFoundationModel`, `bedrock:GetInferenceProfile`, `bedrock:GetFoundationModelAvailability` 권한이 필요합니다.',
    'model.unknownHere':
      '리전 표에는 있지만 Bedrock은 {region}에서 {id|을/를} 알지 못합니다(영어 원문: “{error}”).',
    'model.availability.none':
      'Bedrock은 {region}에서 이 모델의 가용성 기록을 두지 않습니다. 이 리전에서는 추론 프로파일을 거쳐 호출합니다.',
    'model.availability.error': '이 계정의 모델 접근 상태를 읽지 못했습니다({error}).',

    'guardrail.title': '가드레일(한국어)',
    'guardrail.standard':
      '가드레일 프로파일 {profile|을/를} 거치는 Standard 티어(라우팅 리전: {destinations}): 콘텐츠 필터와 프롬프트 공격 필터가 한국어를 읽습니다',
    'guardrail.fromTable':
      '리전 표의 답입니다. Bedrock에는 가드레일 프로파일을 읽는 API가 없어 계정에서 확인하지 않았습니다.',
    'guardrail.classic':
      '{region}에는 Classic 티어뿐입니다. 그 콘텐츠 필터와 프롬프트 공격 필터는 영어, 프랑스어, 스페인어만 읽고 한국어는 읽지 못합니다.',
    'guardrail.off': '꺼져 있습니다(`-c bedrockGuardrail=false`). Bedrock 경로가 가드레일 없이 답합니다.',
    'guardrail.fix.on': '켜세요: `{command}`',

    'service.title': '{service}({stack})',
    'service.ok': '{region}에서 제공됩니다',
    'service.pipeline':
      '모든 단계의 서비스와 모델이 {region}에서 제공됩니다(AWS Step Functions 자체는 리전 표에 없습니다)',
    'service.missing':
      '{region}에서는 {service|이/가} 제공되지 않아 스택의 모든 경로가 501로 답합니다. 제공되는 리전: {regions}.',
    'service.fix':
      '{stack|은/는} 다른 리전에 배포하고(`AWS_REGION={other} npx cdk deploy {stack}`), 나머지 스택은 이름을 지정해 이 리전에 배포하세요.',
    'service.partial': '{region}에서 제공되지만 빠진 기능이 있습니다.',
    'service.routeGap':
      '{route|은/는} 여기서 501로 답합니다. {need|이/가} 필요합니다(제공되는 리전: {regions}).',
    'service.requestGap': '{need} 요청은 여기서 501로 답합니다(제공되는 리전: {regions}).',
    'feature.comprehend-pii': 'Comprehend PII 개체 감지',
    'feature.comprehend-toxicity': 'Comprehend 유해성 감지',
    'feature.translate-auto-detect': 'Translate의 원본 언어 자동 감지',
    'feature.polly-standard': 'Polly 표준 엔진',
    'feature.polly-neural': 'Polly 뉴럴 엔진',
    'feature.polly-generative': 'Polly 생성형 엔진',
    'feature.bedrock-guardrails-standard': 'Bedrock 가드레일의 Standard 티어',

    'apigw.title': 'API Gateway CloudWatch 역할',
    'apigw.none.set':
      '계정에 역할이 있습니다({role}). 실습실은 이 설정을 건드리지 않으므로(`apiGatewayCloudWatchRole=none`) 스테이지가 CloudWatch에 로그를 남기지 않습니다',
    'apigw.none.tip': '스테이지가 이 역할로 로그를 남기게 하려면: `{command}`',
    'apigw.none.unset':
      '{region}에는 역할이 없고 실습실도 그대로 둡니다(`apiGatewayCloudWatchRole=none`). 스테이지는 CloudWatch에 로그를 남기지 않고, 함수 로그와 X-Ray 추적은 남습니다',
    'apigw.existing.ok':
      '설정되어 있습니다({role}). 스테이지가 이 역할로 로그를 남깁니다(`apiGatewayCloudWatchRole=existing`)',
    'apigw.existing.missing':
      '`apiGatewayCloudWatchRole=existing` 설정인데 {region}에는 계정 역할이 없습니다. API Gateway가 로그를 남기는 스테이지를 만들지 않아 배포가 실패합니다.',
    'apigw.fix.missing':
      '`{create}`(실습실이 역할을 만들고 삭제할 때도 남김) 또는 `{none}`(스테이지 로그 없음).',
    'apigw.create.ok':
      '아직 없습니다. {stack|이/가} 역할을 만들고 설정을 그 역할로 바꿉니다(둘 다 삭제할 때도 남음)',
    'apigw.create.replace':
      '계정에 이미 {role|이/가} 있습니다. `apiGatewayCloudWatchRole=create` 설정은 이 계정과 리전의 모든 API가 쓰는 계정 설정을 새 역할로 바꿉니다.',
    'apigw.fix.replace': '대신 기존 역할로 로그를 남기세요: `{command}`',
    'apigw.denied':
      '설정을 읽지 못했습니다({error}). 사전 점검에는 계정에 대한 `apigateway:GET` 권한이 필요합니다.',
    'apigw.error': '설정을 읽지 못했습니다({error}).',

    'hooks.title': 'CloudFormation 후크',
    'hooks.none': '{region}에는 없습니다. 실습실 리소스를 만들기 전에 검사하는 것이 없습니다',
    'hooks.noneActive': '레지스트리에 {count}개가 있지만 실습실 스택에 적용되는 것은 없습니다',
    'hooks.active': '{region}에서 실습실 스택에 적용되는 후크가 {count}개 있습니다.',
    'hooks.controls.fail':
      '{hook}(`FAIL` 모드)에 실습실이 통과하지 못하는 AWS Control Tower 사전 예방 제어가 있습니다. `cdk deploy`가 처음 실패하는 리소스에서 멈춥니다.',
    'hooks.controls.warn':
      '{hook}(`WARN` 모드)에 실습실이 통과하지 못하는 AWS Control Tower 사전 예방 제어가 있습니다. 배포는 경고와 함께 계속됩니다.',
    'hooks.control': '{stacks}에서 {control|을/를} 통과하지 못합니다',
    'hooks.controls.clear':
      '{hook}에 사전 예방 제어가 {count}개 있지만, 이 후크가 검사하는 실습실 스택에서 통과하지 못하는 것은 없습니다.',
    'hooks.ct.unread':
      '{hook}(`{mode}` 모드)은 AWS Control Tower 후크인데, 어떤 제어를 적용하는지 읽지 못했습니다.',
    'hooks.other':
      '{hook}(`{mode}` 모드)이 실습실 스택을 검사합니다. 무엇을 검사하는지는 사전 점검이 알 수 없습니다.',
    'hooks.fix.governed': '이 제어는 다음 명령으로 통과합니다: `{command}`',
    'hooks.fix.partly':
      '`{command}` 명령으로 일부를 통과합니다. {controls|은/는} 어떤 설정으로도 통과하지 못하므로, 계정 관리자에게 {hook}의 스택 필터에서 실습실 스택을 빼 달라고 요청하거나 다른 계정을 쓰세요.',
    'hooks.fix.admin':
      '어떤 설정으로도 이 제어를 통과하지 못합니다. 계정 관리자에게 {hook}의 스택 필터에서 실습실 스택을 빼 달라고 요청하거나 다른 계정을 쓰세요.',
    'hooks.fix.review':
      '`npm run review`가 실습실이 통과하지 못하는 사전 예방 제어를 모두 보여 줍니다(docs/review.ko.md의 거버넌스 계정). 관리자가 켠 제어와 비교하세요.',
    'hooks.fix.ask':
      '계정 관리자에게 {hook|이/가} 무엇을 검사하는지 물어보세요. `npm run review`는 AWS Control Tower 제어가 실습실을 어떻게 판단하는지 보여 줍니다.',
    'hooks.denied':
      '목록을 읽지 못했습니다({error}). 사전 점검에는 `cloudformation:ListTypes`와 `cloudformation:BatchDescribeTypeConfigurations` 권한이 필요합니다.',
    'hooks.error': '{region}에서 목록을 읽지 못했습니다({error}).',

    'budget.title': '예산',
    'budget.ok': '{name}: 한 달 {amount} {unit}',
    'budget.planned': '배포할 때 {stack|이/가} {name|을/를} 만듭니다(한 달 {amount} USD)',
    'budget.none': '계정에 예산이 없습니다. 실습실 비용이 계획보다 늘어도 알려 주는 것이 없습니다.',
    'budget.others': '실습실 예산은 없고, 계정에 다른 예산이 {count}개 있습니다.',
    'budget.fix': '실습실 예산을 만드세요: `{command}`',
    'budget.denied': '예산을 읽지 못했습니다({error}). 사전 점검에는 `budgets:ViewBudget` 권한이 필요합니다.',
    'budget.error': '예산을 읽지 못했습니다({error}).',
  },
);

export type MessageKey = keyof typeof DOCTOR_MESSAGES.en;
