/**
 * The words of `bedrock stream`, `bedrock compare` and `bedrock read-document`
 * (cli/bedrock-commands.ts) around what the API sends: the model's tokens and fields, its notices
 * and error messages are printed as received.
 */
import { defineMessages } from '../../lib/i18n';

export const BEDROCK_MESSAGES = defineMessages(
  {
    'opt.text': 'the prompt',
    'opt.models': "two or three of the stack's comparison models (default: its list)",
    'give.prompt': 'Give --text, or --file with a prompt or the prompt elements.',
    'read.file': 'PNG, JPEG or PDF, e.g. samples/invoice-form.ko.png',
    'read.request':
      'the prompt fields and output schema, e.g. samples/prompts/read-invoice.ko.json (options override it)',
    'read.instruction': 'prompt element 1: what to do with the document (지침)',
    'read.context': 'prompt element 2: what the document is (컨텍스트)',
    'read.outputIndicator': 'prompt element 4: how to answer (출력 지표)',
    'read.schema': 'a JSON Schema file for the fields to return (outputSchema)',
    nan: '{value} is not a number.',
    na: 'n/a',

    'stream.start': '[{model}; guardrail {guardrail}]',
    'guardrail.on': 'on, {mode} mode',
    'guardrail.off': 'off',
    'stream.intervened': '[Guardrail intervened after {count} token events: {reasons}]',
    'stream.noReason': 'no reason given',
    'stream.usage':
      'usage: {input} input + {output} output tokens, estimated cost {cost} (prices as of {asOf})',
    'stream.timing':
      'time to first token: {first}, total: {total} (function); first token printed here after {seen}',
    'stream.verified': 'verified: {verified} — {notice}',
    'stream.failed': 'The stream failed after {count} token events: {error}',
    'stream.partial':
      'Stopped after {count} token events ({chars} characters); Bedrock had not reported the token counts yet.',
    'stream.cut':
      'error: the stream ended without its final usage or error event, so the answer above is incomplete (the function was stopped or a connection broke).',

    'compare.model': 'model',
    'compare.latency': 'latency',
    'compare.tokensIn': 'tokens in',
    'compare.tokensOut': 'tokens out',
    'compare.cost': 'cost',
    'compare.price': 'price',
    'compare.answer': 'answer',
    'compare.failed': 'failed',
    'compare.ratio': 'price ratio (dearest / cheapest, {basis}): {ratio}',
    'compare.prices': 'prices as of {asOf}; verified: {verified} — {notice}',
  },
  {
    'opt.text': '프롬프트',
    'opt.models': '스택의 비교 모델 중 두세 개(기본값: 스택의 목록)',
    'give.prompt': '--text를 주거나, 프롬프트나 프롬프트 요소가 담긴 --file을 주세요.',
    'read.file': 'PNG, JPEG 또는 PDF, 예: samples/invoice-form.ko.png',
    'read.request':
      '프롬프트 필드와 출력 스키마가 담긴 요청 파일, 예: samples/prompts/read-invoice.ko.json(옵션이 파일의 값보다 우선)',
    'read.instruction': '프롬프트 요소 1: 지침(문서로 할 일)',
    'read.context': '프롬프트 요소 2: 컨텍스트(어떤 문서인지)',
    'read.outputIndicator': '프롬프트 요소 4: 출력 지표(답하는 방식)',
    'read.schema': '돌려받을 필드의 JSON Schema 파일(outputSchema)',
    nan: '숫자가 아닙니다: {value}',
    na: '없음',

    'stream.start': '[{model}; 가드레일 {guardrail}]',
    'guardrail.on': '켜짐, {mode} 모드',
    'guardrail.off': '꺼짐',
    'stream.intervened': '[토큰 이벤트 {count}개 뒤에 가드레일이 개입했습니다: {reasons}]',
    'stream.noReason': '이유가 주어지지 않음',
    'stream.usage': '사용량: 입력 토큰 {input}개 + 출력 토큰 {output}개, 추정 비용 {cost}({asOf} 기준 가격)',
    'stream.timing':
      '첫 토큰까지 {first}, 전체 {total}(함수에서 잰 시간). 여기서 첫 토큰을 출력한 시점: {seen}',
    'stream.verified': 'verified: {verified} — {notice}',
    'stream.failed': '토큰 이벤트 {count}개 뒤에 스트림이 실패했습니다: {error}',
    'stream.partial':
      '토큰 이벤트 {count}개({chars}자) 뒤에 멈췄습니다. Bedrock이 아직 토큰 수를 알려 주지 않았습니다.',
    'stream.cut':
      '오류: 스트림이 마지막 사용량 이벤트나 오류 이벤트 없이 끝났으므로 위의 답은 완전하지 않습니다(함수가 멈췄거나 연결이 끊겼습니다).',

    'compare.model': '모델',
    'compare.latency': '지연 시간',
    'compare.tokensIn': '입력 토큰',
    'compare.tokensOut': '출력 토큰',
    'compare.cost': '비용',
    'compare.price': '가격',
    'compare.answer': '답',
    'compare.failed': '실패',
    'compare.ratio': '가격 비율(가장 비싼 모델 / 가장 싼 모델, {basis}): {ratio}',
    'compare.prices': '{asOf} 기준 가격. verified: {verified} — {notice}',
  },
);
