/**
 * What the CLI and the smoke run say about where the APIs are and who
 * signs: the options every command takes, the instance prefix, stack discovery (outputs file,
 * CloudFormation), credentials and the signed calls (cli/session.ts, endpoints.ts, signer.ts,
 * client.ts; the playground's server and eval use them in English). Messages from AWS and from the
 * lab's API are quoted as received (in Korean, marked as English).
 */
import { defineMessages } from '../../lib/i18n';

export const SESSION_MESSAGES = defineMessages(
  {
    'opt.region': 'AWS Region of the stacks (default: AWS_REGION or your profile)',
    'opt.profile': 'AWS profile for credentials (default: AWS_PROFILE or the default chain)',
    'opt.outputsFile': 'stack outputs written by cdk deploy --outputs-file (default: ./cdk-outputs.json)',
    'opt.prefix': 'the instance the stacks were deployed as, -c prefix=NAME (default: {env}, else {default})',
    'opt.lang': 'language of the messages, en or ko (default: from LC_ALL, LC_MESSAGES or LANG)',

    'prefix.bad': "{from} '{prefix}' is not a lab prefix: it must be {rule}.",

    'stack.notInFile':
      'Stack {stack} has no {key} in {file}{others}: deploy it with `{deploy}` and leave out --outputs-file to find it through CloudFormation (`cdk deploy --outputs-file` keeps only the stacks that one command deployed).',
    'stack.noRegion':
      'No AWS Region to look up stack {stack} in: pass --region, set AWS_REGION, or set a region in your profile (aws configure). Or point --outputs-file at the file `cdk deploy --outputs-file` wrote.',
    'stack.notDeployed':
      'Stack {stack} is not deployed in {region}{state}{others}: deploy it with `{deploy}`.',
    'stack.state': ' (it is {status})',
    'stack.noOutput':
      'Stack {stack} in {region} has no {key} output (status {status}): redeploy it with `{deploy}`.',
    'stack.otherPrefixes': ' ({file} lists {list}: pass --prefix {prefix} or set {env}={prefix})',
    'stack.describeFailed': 'CloudFormation DescribeStacks {stack} in {region} failed: {error}',
    'url.noRegion': 'Cannot tell which Region {url} is in: pass --region.',
    'outputs.notFound': 'Outputs file {file} not found.',
    'outputs.unreadable':
      'Cannot read {file} ({error}): it should be what `cdk deploy --outputs-file` wrote.',

    'credentials.none': 'No usable AWS credentials ({why}). {help}',
    'credentials.help':
      'Configure them with `aws configure`, `aws sso login --profile NAME` (then --profile NAME or AWS_PROFILE=NAME), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',

    'call.unreachable': 'Cannot reach {origin} ({cause}).',
    'call.missingParam': 'Missing {name} for {path}.',
    'call.notJson': 'expected JSON, got {type}',
    'call.notNdjson': 'expected a JSON line, got {line}',
    'call.mediaType': 'asked for {accept}, got {type}',
    'call.s3Refused': 'S3 refused the upload: {message}',
    'call.apiError': '{status} {code}: {detail}{request}',
    'call.apiErrorBare': '{status} {code}: {request}',
    'call.requestId': ' ({id})',
  },
  {
    'opt.region': '스택이 있는 AWS 리전(기본값: AWS_REGION 또는 프로필의 리전)',
    'opt.profile': '자격 증명에 쓸 AWS 프로필(기본값: AWS_PROFILE 또는 기본 자격 증명 체인)',
    'opt.outputsFile': 'cdk deploy --outputs-file이 쓴 스택 출력 파일(기본값: ./cdk-outputs.json)',
    'opt.prefix': '스택을 배포할 때 쓴 인스턴스 이름, -c prefix=이름(기본값: {env}, 없으면 {default})',
    'opt.lang': '메시지 언어, en 또는 ko(기본값: LC_ALL, LC_MESSAGES, LANG의 로캘)',

    'prefix.bad':
      "{from} '{prefix}': 실습실 접두사로 쓸 수 없습니다. 접두사는 대문자 하나로 시작하고 그 뒤에는 영문자와 숫자만 씁니다(최대 {max}자, 예: AiLab, Kim, TeamB2).",

    'stack.notInFile':
      '{file}에 스택 {stack}의 {key|이/가} 없습니다{others}. `{deploy}`로 배포하고, CloudFormation에서 찾도록 --outputs-file을 빼세요(`cdk deploy --outputs-file`은 그 명령 하나로 배포한 스택만 기록합니다).',
    'stack.noRegion':
      '스택 {stack|을/를} 찾을 AWS 리전이 없습니다. --region을 주거나, AWS_REGION을 설정하거나, 프로필에 리전을 설정하세요(aws configure). 또는 --outputs-file로 `cdk deploy --outputs-file`이 쓴 파일을 가리키세요.',
    'stack.notDeployed':
      '스택 {stack|은/는} {region}에 배포되어 있지 않습니다{state}{others}. 배포하려면: `{deploy}`',
    'stack.state': '(현재 상태 {status})',
    'stack.noOutput':
      '{region}의 스택 {stack}에 {key} 출력이 없습니다(상태 {status}). 다시 배포하려면: `{deploy}`',
    'stack.otherPrefixes':
      '({file}에는 {list|이/가} 있습니다. --prefix {prefix|을/를} 주거나 {env}={prefix|으로/로} 설정하세요)',
    'stack.describeFailed':
      '{region}에서 CloudFormation DescribeStacks {stack} 호출이 실패했습니다(SDK 메시지, 영어 원문: “{error}”).',
    'url.noRegion': '주소 {url}의 리전을 알 수 없습니다. --region을 주세요.',
    'outputs.notFound': '출력 파일이 없습니다: {file}',
    'outputs.unreadable':
      '출력 파일 {file|을/를} 읽을 수 없습니다(영어 원문: “{error}”). `cdk deploy --outputs-file`이 쓴 파일이어야 합니다.',

    'credentials.none': '사용할 수 있는 AWS 자격 증명이 없습니다(SDK 메시지, 영어 원문: “{why}”). {help}',
    'credentials.help':
      '`aws configure`, `aws sso login --profile 이름`(그다음 --profile 이름 또는 AWS_PROFILE=이름), 또는 AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY로 설정하세요.',

    'call.unreachable': '{origin}에 연결할 수 없습니다({cause}).',
    'call.missingParam': '{path}에 필요한 {name|이/가} 없습니다.',
    'call.notJson': 'JSON을 기대했지만 받은 형식은 {type}',
    'call.notNdjson': 'JSON 한 줄을 기대했지만 받은 것: {line}',
    'call.mediaType': '요청한 형식은 {accept}, 받은 형식은 {type}',
    'call.s3Refused': 'S3가 업로드를 거부했습니다(S3 메시지, 영어 원문: “{message}”)',
    'call.apiError':
      '{status} {code}: 실습실 API가 요청을 처리하지 않았습니다(API 메시지, 영어 원문: “{detail}”){request}',
    'call.apiErrorBare': '{status} {code}: 실습실 API가 요청을 처리하지 않았습니다{request}',
    'call.requestId': '(요청 ID {id})',
  },
);
