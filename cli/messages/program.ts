/**
 * The demo CLI's own words at the top (cli/commands.ts): what it is, its examples, how a demo's
 * command is described, and the last line of an error it did not expect.
 */
import { defineMessages } from '../../lib/i18n';

export const PROGRAM_MESSAGES = defineMessages(
  {
    description: "Call the lab's demos with SigV4-signed requests (npm run demo -- <service> <action>).",
    'opt.json': 'print the raw JSON response (for scripts)',
    demo: '{service} (stack <prefix>-{suffix}): {concept}',
    examples: `
Examples:
  npm run demo -- comprehend sentiment --text "I love this lab"
  npm run demo -- translate text --text "Hello" --target ko
  npm run demo -- textract analyze --document samples/invoice-form.png --query "What is the total?"
  npm run demo -- polly speech --text "안녕하세요" --voice Seoyeon --out hello.mp3
  npm run demo -- transcribe job --audio samples/hello-en.wav --language-code en-US --wait
  npm run demo -- bedrock converse --file samples/prompts/four-elements.json
  npm run demo -- bedrock stream --text "Explain foundation models in two sentences"
  npm run demo -- bedrock compare --text "What is RAG?" --models amazon.nova-micro-v1:0,amazon.nova-lite-v1:0
  npm run demo -- bedrock read-document --file samples/invoice-form.ko.png --request samples/prompts/read-invoice.ko.json
  npm run demo -- pipeline run samples/pipeline/*.txt samples/invoice-form.png --steps extract,pii,translate,summarize,speak --to ko

Endpoints come from ./cdk-outputs.json (cdk deploy --outputs-file) or else from the stacks'
ApiUrl outputs (CloudFormation, in --region / AWS_REGION / your profile's Region). Requests are
signed (SigV4) with your usual AWS credentials: environment, --profile / AWS_PROFILE, SSO.
Messages are in English, or in Korean with --lang ko (or a Korean locale, LANG=ko_KR.UTF-8);
what the lab's API and AWS answer is shown as received.`,
    unexpected: 'Unexpected error: {message}',
  },
  {
    description: '실습실 데모를 SigV4로 서명한 요청으로 호출합니다(npm run demo -- <서비스> <동작>).',
    'opt.json': '응답 JSON을 그대로 출력(스크립트용)',
    demo: '{service}(스택 <prefix>-{suffix}): {concept}',
    examples: `
예:
  npm run demo -- comprehend sentiment --text "실습실이 정말 마음에 들어요" --language-code ko
  npm run demo -- translate text --text "안녕하세요" --target en
  npm run demo -- textract analyze --document samples/invoice-form.png --query "What is the total?"
  npm run demo -- polly speech --text "안녕하세요" --voice Seoyeon --out hello.mp3
  npm run demo -- transcribe job --audio samples/hello-en.wav --language-code en-US --wait
  npm run demo -- bedrock converse --file samples/prompts/four-elements.ko.json
  npm run demo -- bedrock stream --text "파운데이션 모델을 두 문장으로 설명해 주세요"
  npm run demo -- bedrock compare --text "RAG란 무엇인가요?" --models amazon.nova-micro-v1:0,amazon.nova-lite-v1:0
  npm run demo -- bedrock read-document --file samples/invoice-form.ko.png --request samples/prompts/read-invoice.ko.json
  npm run demo -- pipeline run samples/pipeline/*.txt samples/invoice-form.png --steps extract,pii,translate,summarize,speak --to ko

엔드포인트는 ./cdk-outputs.json(cdk deploy --outputs-file)에서 찾고, 없으면
스택의 ApiUrl 출력을 CloudFormation에서(--region, AWS_REGION 또는 프로필의 리전)
찾습니다. 요청은 평소의 AWS 자격 증명(환경 변수, --profile 또는 AWS_PROFILE,
SSO)으로 서명(SigV4)합니다. 메시지는 --lang ko이거나 로캘이 한국어
(LANG=ko_KR.UTF-8)이면 한국어, 아니면 영어입니다. 실습실 API와 AWS가 보낸 답과
메시지는 받은 그대로 보여 줍니다.`,
    unexpected: '예상하지 못한 오류(영어 원문: “{message}”)',
  },
);
