/**
 * What a Korean report must not contain: English prose outside code, names and quotations marked as
 * English, the mechanical particles "을(를)", "이(가)", "은(는)", "(으)로", "와(과)", and a message
 * template that writes a value twice.
 */
const MECHANICAL = /[을이은와과]\([를가는과와]\)|\(으\)로/;

/** Multi-word names that stay English in Korean text, as AWS's Korean documentation keeps them. */
const NAMES =
  /\b(?:Amazon|AWS)(?: [A-Z][\w-]*)+|\bAPI Gateway\b|\bCloudWatch Logs\b|\bControl Tower\b|\bObject Lock\b|\bCloudFormation\b|\bNLP\b|\bPII\b|\bSSML\b|\bAnalyzeDocument (?:TABLES|FORMS|QUERIES)\b/g;

/** Lines of Korean text that still hold English prose: three or more English words in a row. */
export function englishProse(markdown: string): string[] {
  const text = markdown
    .replace(/```[\s\S]*?```/g, '') // diagrams
    .replace(/`[^`]*`/g, '') // code: names of actions, resources, paths
    .replace(/영어 원문\)?:? “[^”]*”/g, '') // quotations marked as English
    .replace(/“[^”]*” \(영어 원문\)/g, '')
    .replace(NAMES, '');
  return text.split('\n').filter((line) => /\b[A-Za-z]{2,}[,.]? [A-Za-z]{2,}[,.]? [A-Za-z]{2,}\b/.test(line));
}

export function mechanicalParticles(markdown: string): string[] {
  return markdown.split('\n').filter((line) => MECHANICAL.test(line));
}

/** `{x}{x|을/를}` prints the value twice: `fill` already writes the value before its particle. */
export const DOUBLED = /\{(\w+)\}\{\1\|[^}]+\}/;
