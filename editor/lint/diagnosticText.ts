import type { LintCode } from '../../shared/lint/codes.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';
import type { Lang } from '../i18n/I18n.tsx';
import { cardPhrase } from '../../shared/cards/cardLabel.ts';
import { nameCards, type CardRefOf } from './nameCards.ts';

/** A quoted name in a lint message (JSON quoting, as `shared/lint/rules/quote.ts` writes it). */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** What a Korean sentence is built from: the message's quoted names and numbers, in order, and the diagnostic. */
interface Parts {
  d: Diagnostic;
  /** The quoted names of the English message, unquoted, in order. */
  q: readonly string[];
  /** The numbers of the English message outside quotes, in order. */
  n: readonly string[];
  /** A card, quoted by what it says. */
  card(id: string | undefined): string;
}

const quote = (s: string | undefined) => `“${s ?? ''}”`;

/**
 * The Korean sentence of each lint code. Lint itself (shared/, the CLI, publish's 422) speaks English with stable
 * codes; the editor shows these instead when the person reads Korean. Typed over every code, so a new rule does not
 * compile without its Korean sentence.
 */
const KO: Record<LintCode, (p: Parts) => string> = {
  'no-start': ({ q }) =>
    q.length
      ? `시작 카드 ${quote(q[0])}이(가) 없습니다: 대화를 시작할 카드를 고르세요.`
      : '시작 카드가 정해지지 않았습니다: 대화를 시작할 카드를 고르세요.',
  'unknown-card-type': ({ q, card }) =>
    `카드 ${card(q[0])}의 유형 ${quote(q[1])}은(는) 알 수 없는 유형입니다: 알려진 유형을 쓰거나 카드를 삭제하세요.`,
  'invalid-card-data': ({ d, q, card }) => `카드 ${card(q[0])}: ${invalidDetail(d.message)}`,
  'dangling-edge': ({ q }) =>
    `연결선 ${quote(q[0])}이(가) 없는 카드나 포트에 이어져 있습니다: 다시 연결하거나 삭제하세요.`,
  'duplicate-edge': ({ q, n, card }) =>
    `${card(q[1])}의 포트 ${quote(q[0])}에서 나가는 연결선이 ${n[0] ?? ''}개입니다: ` +
    '포트 하나는 카드 하나로만 이어지므로 하나만 남기고 삭제하세요.',
  cycle: ({ d, q, card }) => {
    const more = /and (\d+) more/.exec(d.message.replace(QUOTED, ''));
    const others = q.slice(1).map(card).join(', ') + (more ? ` 외 ${more[1]}개` : '');
    const where = q.length > 1 ? `${others}와(과) 순환합니다` : '자기 자신으로 돌아가는 연결선이 있습니다';
    return `카드 ${card(q[0])}이(가) ${where}: 대화는 항상 앞으로 나아가야 하므로 되돌아가는 연결선을 옮기거나 삭제하세요.`;
  },
  'live-chat-not-last': ({ q, card }) =>
    `라이브 채팅 ${card(q[0])} 뒤에 ${card(q[1])}(으)로 가는 연결선이 있습니다: 라이브 채팅 연결은 분기의 마지막 ` +
    '카드여야 하니 연결선을 삭제하거나 그 카드들을 라이브 채팅 앞으로 옮기세요.',
  'poke-not-first': ({ q, card }) =>
    `카드 ${card(q[0])}에 포크가 켜져 있지만, 닫힌 위젯 옆에는 시작 카드만 보일 수 있습니다: 포크를 끄거나 이 카드를 ` +
    '시작 카드로 만드세요.',
  'talk-to-person-duplicate': ({ q, card }) =>
    `카드 ${card(q[0])}와(과) ${card(q[1])}이(가) 모두 “상담원 연결” 대상으로 표시되어 있습니다: 라이브 채팅 카드 ` +
    '하나에만 표시를 남기세요.',
  'duplicate-answer-label': ({ q, card }) =>
    `질문 ${card(q[0])}에 ${quote(q[1])}(이)라는 답변이 두 개 있습니다: 방문자가 구별할 수 없으니 하나의 이름을 바꾸세요.`,
  'condition-too-deep': ({ q, n, card }) =>
    `${card(q[0])}의 조건이 all/any를 ${n[0] ?? ''}단계보다 깊게 중첩합니다. 최대 ${n[1] ?? ''}단계까지 허용됩니다: ` +
    '조건을 단순하게 하거나 여러 조건 카드로 나누세요.',
  'unreachable-card': ({ q, card }) =>
    `카드 ${card(q[0])}은(는) 시작 카드에서 도달할 수 없습니다: 대화에서 이 카드로 연결선을 잇거나 카드를 삭제하세요.`,
  'unconnected-port': ({ d, q, card }) => {
    const m = d.message;
    const what = m.startsWith('Answer')
      ? `질문 ${card(q[1])}의 답변 ${quote(q[0])}`
      : m.startsWith('The else branch')
        ? `조건 ${card(q[0])}의 ‘그 외’ 분기`
        : m.startsWith('Branch')
          ? `조건 ${card(q[1])}의 분기 ${quote(q[0])}`
          : `${card(q[1])}의 포트 ${quote(q[0])}`;
    return `${what}이(가) 어디로도 이어지지 않아 대화가 거기서 끝납니다: 다음 카드에 연결하세요.`;
  },
  'live-chat-without-consent': ({ q, card }) =>
    `방문자가 묻지 않고도 라이브 채팅 ${card(q[0])}에 도달할 수 있습니다: 그 앞의 모든 경로에 ` +
    '“상담원과 이야기하시겠어요?” 같은 질문을 넣으세요.',
  'live-chat-without-email': ({ q, card }) =>
    `방문자가 이메일을 남기지 않고도 라이브 채팅 ${card(q[0])}에 도달할 수 있습니다: 그 앞의 모든 경로에 email 수집 ` +
    '카드(그리고 firstName 수집 카드)를 넣으세요.',
  'unknown-token': ({ q, card }) =>
    `카드 ${card(q[0])}이(가) 토큰 {{${q[1] ?? ''}}}을(를) 쓰지만 ${quote(q[1])} 속성은 정의되어 있지 않습니다: 이름을 ` +
    '고치거나, 사용자 정의 속성으로 정의하거나, 이 스트림의 질문·수집·동작 카드로 값을 정하세요.',
  'live-chat-unknown-target': ({ d, q, card }) =>
    d.message.includes(' the team ')
      ? `라이브 채팅 ${card(q[0])}이(가) 없는 팀 ${quote(q[1])}(으)로 연결합니다: 있는 팀이나 다른 라우팅을 고르세요.`
      : `라이브 채팅 ${card(q[0])}이(가) 없는 상담원 ${quote(q[1])}에게 연결합니다: 있는 상담원이나 다른 라우팅을 고르세요.`,
  'no-target-url': () =>
    '다이얼로그에 대상 URL이 없어 어느 페이지에도 표시되지 않습니다: 게시하기 전에 URL 패턴(예: /pricing 또는 *)을 ' +
    '하나 이상 추가하세요.',
};

/** The card schemas' own rules (shared/cards), as their messages say them, in Korean. */
const CARD_RULES: Record<string, string> = {
  'the document URL must be an https:// address': '문서 URL은 https:// 주소여야 합니다',
  'a picklist needs at least one option': '목록에서 고르는 입력에는 선택지가 하나 이상 있어야 합니다',
};

/** The field-level part of `invalid-card-data` ("text is missing: fill it in") in Korean; the field path stays. */
function invalidDetail(message: string): string {
  const detail = message.replace(/^Card "(?:[^"\\]|\\.)*" \([^)]*\): /, '').replace(/\.$/, '');
  let m = /^(.+) is missing: fill it in$/.exec(detail);
  if (m) return `${m[1]} 항목이 비어 있습니다: 채워 넣으세요.`;
  m = /^remove the unknown fields? (.+?)(?: in (.+))?$/.exec(detail);
  if (m) return `${m[2] ? `${m[2]}의 ` : ''}알 수 없는 항목 ${m[1]}을(를) 지우세요.`;
  if (CARD_RULES[detail]) return `${CARD_RULES[detail]}.`;
  m = /^(.+?): (.+)$/.exec(detail);
  if (m && CARD_RULES[m[2]]) return `${m[1]}: ${CARD_RULES[m[2]]}.`;
  m = /^(.+) must be an? (\w+)$/.exec(detail);
  if (m) return `${m[1]}의 값은 ${m[2]} 형식이어야 합니다.`;
  return `내용이 올바르지 않습니다 (${detail}).`;
}

/** Around the name of a card that says nothing, so that the noun before it ("카드 ", "라이브 채팅 ") can go. */
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** The noun a Korean sentence puts before a card's name, dropped before a name that already says the card's type. */
const NOUN_BEFORE = new RegExp(`(?:카드|라이브 채팅|질문|조건) ${OPEN}`, 'g');

/**
 * A diagnostic as the editor shows it, in the person's language, never naming a card by its id (`refOf`: what it
 * says, or its type and place, `DraftStore.cardRef`). English is lint's own message with the cards named;
 * Korean is built from the same facts.
 */
export function diagnosticText(d: Diagnostic, lang: Lang, refOf: CardRefOf = () => undefined): string {
  if (lang !== 'ko') return nameCards(d.message, refOf);
  const q: string[] = [];
  for (const m of d.message.matchAll(QUOTED)) {
    try {
      q.push(String(JSON.parse(m[0])));
    } catch {
      q.push(m[0]);
    }
  }
  const n = d.message.replace(QUOTED, '').match(/\d+/g) ?? [];
  const card = (id: string | undefined) => {
    const ref = id === undefined ? undefined : refOf(id);
    if (!ref) return quote(id);
    return 'says' in ref ? quote(ref.says) : `${OPEN}${cardPhrase(ref, 'ko', quote)}${CLOSE}`;
  };
  return KO[d.code]({ d, q, n, card })
    .replace(NOUN_BEFORE, OPEN)
    .replace(new RegExp(`[${OPEN}${CLOSE}]`, 'g'), '');
}
