/**
 * Every sentence and label of `npm run eval` and its reports, in English and Korean (one typed
 * table: a key missing from the Korean side is a compile error). AWS names and model ids stay in
 * English, as the console keeps them; Korean particles after a value are chosen by es-hangul.
 */
import { defineMessages, type Lang, translator } from '../lib/i18n';

export const EVAL_MESSAGES = defineMessages(
  {
    // --- the command line ---
    'cli.description':
      'Score models on a data set against the deployed lab: quality, consistency, latency, cost per correct answer.',
    'cli.estimate':
      'Estimated cost of this run at most: {usd} for {calls} calls ({modelCalls} model calls), list prices of {asOf}.',
    'cli.refuse':
      'Not started: this run could cost up to {usd}, more than --max-cost {max}. Lower --samples or --limit, choose fewer models, or raise --max-cost.',
    'cli.unpriced':
      'Not started: no price for {models} in the price table (lambda/shared/price-table.ts), so the cost of the run cannot be bounded.',
    'cli.resume': 'Resuming {file}: {done} of {total} calls already done.',
    'cli.otherRun':
      '{file} holds another run (other data, models, samples or judge). Use another --out, or --fresh to start over.',
    'cli.done': 'Done: {calls} calls, {usd} spent (estimate from list prices). Reports: {files}',
    'cli.stopped': 'Stopped after {done} of {total} calls; run the same command again to resume from {file}.',
    'cli.notDeployed':
      "{model} is not in the stack's comparison list ({allowed}). Redeploy AiLab-Bedrock with -c bedrockCompareModelIds=… naming it, or leave it out of --models.",
    'cli.otherModel':
      "{route} answered with {got}, not {asked}: that route calls the stack's main model (-c bedrockModelId). Put {got} first in --models, or redeploy with -c bedrockModelId={asked}.",
    'cli.published':
      'Published {count} scores of instance {instance} to CloudWatch ({namespace}) in {region}.',
    'cli.badOption': '{option}: {problem}',
    'cli.progress': 'calls',
    // --- the report ---
    'report.title': 'Model evaluation: {datasets}',
    'report.standIn':
      'STAND-IN DATA. These answers come from a local stand-in of the lab API, not from any model: the numbers show what the report looks like, not how any model performs.',
    'report.run':
      '{samples} sample(s) per item; models: {models}; target {target}% correct; prices of {asOf} ({region}, list price, estimate). Started {startedAt}.',
    'report.total': 'Total spent: {usd} for {calls} calls.',
    'report.h.dataset': '{name}: {task}, {items} items ({lang})',
    'report.pick': '{model} meets the {target}% target at the lowest cost per correct answer: {usd}.',
    'report.noPick': 'No model reached {target}% correct; the best was {model} at {accuracy}%.',
    'report.noAnswers': 'No answers yet.',
    'report.col.model': 'model',
    'report.col.accuracy': 'correct',
    'report.col.f1': 'token-F1',
    'report.col.facts': 'facts',
    'report.col.consistency': 'consistency',
    'report.col.p50': 'latency p50',
    'report.col.p95': 'latency p95',
    'report.col.ttft': 'TTFT p50/p95',
    'report.col.tokens': 'tokens in/out',
    'report.col.costItem': 'cost per item',
    'report.col.costCorrect': 'cost per correct',
    'report.col.timeCorrect': 'time per correct',
    'report.col.guardrail': 'guardrail',
    'report.col.errors': 'errors',
    'report.col.judge': 'judge',
    'report.none': '—',
    'report.errors.none': 'none',
    'report.judge': '{correct}/{judged} correct by {judge}, {usd}',
    'report.baseline':
      'Comprehend is the classic-ML baseline (DetectSentiment): a trained classifier, no prompt, billed per 100 characters.',
    'report.h.charts': 'Charts',
    'report.chart.quality': 'Quality against cost per item',
    'report.chart.quality.x': 'cost per item (USD, log scale)',
    'report.chart.quality.y': '% correct',
    'report.chart.latency': 'Latency of every call (ms), p50 and p95 marked',
    'report.chart.consistency': 'Consistency per item (samples that agree)',
    'report.chart.noConsistency': 'Run with --samples 2 or more to see consistency.',
    'report.h.how': 'How to read it',
    'report.how.scores':
      'correct: labels by exact match after normalising; short answers when every required fact is stated (token-F1 against the reference shown beside it); ask-notes when the expected section is cited and its facts stated; PII when none of the PII comes back; guardrail when it intervenes exactly where it should. An error counts as a wrong answer.',
    'report.how.consistency':
      'consistency (non-determinism, 비결정성): with several samples per item, the share of items whose answers all agree (labels), or the mean pairwise token-F1 of the answers (text).',
    'report.how.cost':
      'cost: what the lab reports per call (model tokens and guardrail) from the dated price table; API Gateway and Lambda add about $0.00002 a call and are not in it. Cost per correct answer = all calls’ cost / correct answers.',
    'report.how.latency':
      'latency: the model call as the function timed it (compare), or the whole request as the eval timed it (converse, ask-notes, Comprehend); TTFT only with --stream.',
    'report.h.business': 'Business metrics',
    'report.business.efficiency':
      'Efficiency (효율성), as this lab can measure it: cost and time per correct answer, above, for each model.',
    'report.business.rest':
      'User satisfaction (사용자 만족도), average revenue per user (사용자당 평균 수익), cross-domain performance (크로스 도메인 성능) and conversion rate (전환율) need real users and a product: a real application would add ratings, revenue and funnel events next to these numbers.',
    'report.h.scale': 'Scaling out',
    'report.scale':
      'For larger data sets, Amazon Bedrock model evaluation jobs run the same idea as a managed job: a prompt data set in S3, built-in or LLM-as-a-judge metrics, and a report in S3 (docs.aws.amazon.com/bedrock/latest/userguide/evaluation.html).',
    'report.task.short-answer': 'short answers',
    'report.task.label': 'labels',
    'report.task.ask-notes': 'RAG with citations',
    'report.task.pii': 'PII redaction',
    'report.task.guardrail': 'guardrail',
  },
  {
    'cli.description':
      '배포된 실습실에서 데이터 세트로 모델을 채점합니다: 품질, 일관성, 지연 시간, 정답 하나당 비용.',
    'cli.estimate':
      '이번 실행의 예상 비용은 최대 {usd}입니다. 호출 {calls}회(모델 호출 {modelCalls}회), {asOf} 기준 정가.',
    'cli.refuse':
      '시작하지 않았습니다: 이번 실행은 최대 {usd}까지 들 수 있어 --max-cost {max}보다 많습니다. --samples나 --limit을 줄이거나, 모델을 적게 고르거나, --max-cost를 올리세요.',
    'cli.unpriced':
      '시작하지 않았습니다: {models}의 가격이 가격표(lambda/shared/price-table.ts)에 없어 실행 비용의 상한을 정할 수 없습니다.',
    'cli.resume': '{file}에서 이어서 실행합니다: 호출 {total}회 중 {done}회는 이미 끝났습니다.',
    'cli.otherRun':
      '{file}에는 다른 실행(데이터, 모델, 샘플 수 또는 심사 모델이 다름)이 들어 있습니다. 다른 --out을 쓰거나 --fresh로 처음부터 시작하세요.',
    'cli.done': '완료: 호출 {calls}회, {usd} 사용(정가 기준 추정). 보고서: {files}',
    'cli.stopped':
      '호출 {total}회 중 {done}회 후에 멈췄습니다. 같은 명령을 다시 실행하면 {file}에서 이어집니다.',
    'cli.notDeployed':
      '{model|은/는} 스택의 비교 목록({allowed})에 없습니다. -c bedrockCompareModelIds=…에 넣어 AiLab-Bedrock을 다시 배포하거나 --models에서 빼세요.',
    'cli.otherModel':
      '{route|이/가} {asked|이/가} 아니라 {got|으로/로} 답했습니다. 이 경로는 스택의 기본 모델(-c bedrockModelId)을 호출합니다. --models 맨 앞에 {got|을/를} 두거나 -c bedrockModelId={asked|으로/로} 다시 배포하세요.',
    'cli.published':
      '인스턴스 {instance}의 점수 {count}개를 {region}의 CloudWatch({namespace})에 게시했습니다.',
    'cli.badOption': '{option}: {problem}',
    'cli.progress': '호출',
    'report.title': '모델 평가: {datasets}',
    'report.standIn':
      '대역 데이터입니다. 이 답변은 어떤 모델도 아닌, 실습실 API의 로컬 대역이 만든 것입니다. 숫자는 보고서의 모양을 보여 줄 뿐 모델의 성능이 아닙니다.',
    'report.run':
      '항목마다 샘플 {samples}개, 모델: {models}, 목표 정답률 {target}%, {asOf} 기준 가격({region}, 정가, 추정). 시작 {startedAt}.',
    'report.total': '총 사용액: 호출 {calls}회에 {usd}.',
    'report.h.dataset': '{name}: {task}, 항목 {items}개 ({lang})',
    'report.pick': '{model|이/가} 목표 {target}%를 정답 하나당 가장 낮은 비용 {usd}에 달성합니다.',
    'report.noPick': '목표 {target}%에 이른 모델이 없습니다. 가장 좋은 모델은 {model}({accuracy}%)입니다.',
    'report.noAnswers': '아직 답변이 없습니다.',
    'report.col.model': '모델',
    'report.col.accuracy': '정답률',
    'report.col.f1': '토큰 F1',
    'report.col.facts': '핵심 사실',
    'report.col.consistency': '일관성',
    'report.col.p50': '지연 시간 p50',
    'report.col.p95': '지연 시간 p95',
    'report.col.ttft': 'TTFT p50/p95',
    'report.col.tokens': '입력/출력 토큰',
    'report.col.costItem': '항목당 비용',
    'report.col.costCorrect': '정답당 비용',
    'report.col.timeCorrect': '정답당 시간',
    'report.col.guardrail': '가드레일',
    'report.col.errors': '오류',
    'report.col.judge': '심사 모델',
    'report.none': '—',
    'report.errors.none': '없음',
    'report.judge': '{judge} 기준 {judged}개 중 {correct}개 정답, {usd}',
    'report.baseline':
      'Comprehend는 기존 ML 기준선(DetectSentiment)입니다. 프롬프트 없이 학습된 분류기이며 100자 단위로 과금됩니다.',
    'report.h.charts': '차트',
    'report.chart.quality': '항목당 비용 대비 품질',
    'report.chart.quality.x': '항목당 비용(USD, 로그 척도)',
    'report.chart.quality.y': '정답률(%)',
    'report.chart.latency': '모든 호출의 지연 시간(ms), p50과 p95 표시',
    'report.chart.consistency': '항목별 일관성(샘플끼리 일치하는 정도)',
    'report.chart.noConsistency': '--samples를 2 이상으로 실행하면 일관성을 볼 수 있습니다.',
    'report.h.how': '읽는 방법',
    'report.how.scores':
      '정답 기준: 레이블은 정규화 후 정확히 일치할 때, 짧은 답변은 필수 사실을 모두 말할 때(참조 답변과의 토큰 F1을 함께 표시), ask-notes는 기대한 절을 인용하고 그 사실을 말할 때, PII는 PII가 하나도 돌아오지 않을 때, 가드레일은 개입해야 할 때만 개입할 때. 오류는 오답으로 셉니다.',
    'report.how.consistency':
      '일관성(비결정성): 항목마다 샘플이 여럿일 때, 답이 모두 같은 항목의 비율(레이블) 또는 답변끼리의 평균 토큰 F1(텍스트).',
    'report.how.cost':
      '비용: 실습실이 호출마다 알려 주는 비용(모델 토큰과 가드레일), 날짜가 적힌 가격표 기준. API Gateway와 Lambda는 호출당 약 $0.00002로 포함하지 않았습니다. 정답당 비용 = 모든 호출의 비용 / 정답 수.',
    'report.how.latency':
      '지연 시간: 함수가 잰 모델 호출 시간(compare) 또는 eval이 잰 요청 전체 시간(converse, ask-notes, Comprehend). TTFT는 --stream일 때만.',
    'report.h.business': '비즈니스 지표',
    'report.business.efficiency':
      '효율성: 이 실습실이 잴 수 있는 방식으로, 위 표의 모델별 정답당 비용과 정답당 시간입니다.',
    'report.business.rest':
      '사용자 만족도, 사용자당 평균 수익, 크로스 도메인 성능, 전환율은 실제 사용자와 제품이 있어야 잴 수 있습니다. 실제 애플리케이션이라면 이 숫자 옆에 평점, 수익, 전환 이벤트를 더합니다.',
    'report.h.scale': '규모 확장',
    'report.scale':
      '데이터 세트가 커지면 Amazon Bedrock 모델 평가 작업이 같은 일을 관리형 작업으로 합니다: S3의 프롬프트 데이터 세트, 기본 제공 지표 또는 LLM 심사(LLM-as-a-judge) 지표, S3에 저장되는 보고서(docs.aws.amazon.com/bedrock/latest/userguide/evaluation.html).',
    'report.task.short-answer': '짧은 답변',
    'report.task.label': '레이블',
    'report.task.ask-notes': '인용이 있는 RAG',
    'report.task.pii': 'PII 마스킹',
    'report.task.guardrail': '가드레일',
  },
);

export type EvalKey = keyof typeof EVAL_MESSAGES.en;

export function evalTranslator(lang: Lang) {
  return translator(EVAL_MESSAGES, lang);
}
