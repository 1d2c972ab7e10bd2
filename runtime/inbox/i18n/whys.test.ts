import { describe, expect, it } from 'vitest';
import { WHY_EXAMPLES } from '../../../shared/routing/whyExamples.ts';
import { englishWhy } from '../../../shared/routing/whyRender.ts';
import { WHY_CODES, type Why } from '../../../shared/routing/whys.ts';
import { en } from './en.ts';
import { tr } from './testTranslate.ts';
import { ko } from './ko.ts';
import { decisionWhy, standingText } from './whys.ts';

const names = { u_ann: 'Ann Agent', u_bea: 'Bea Agent', u_cat: 'Cat Agent', sales: 'Sales' };
/** What a Korean why may keep in Latin letters: people's and teams' names, ids, rule ids, zones, plan names. */
const KEPT = [...Object.values(names), 'v_1', 'big', 'vip', 'Asia/Seoul', 'support', 'Prime'];
const latin = (text: string) => {
  let rest = text;
  for (const k of [...KEPT].sort((a, b) => b.length - a.length)) rest = rest.split(k).join(' ');
  return rest.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
};

describe('routing whys said from their codes', () => {
  it('says every code in English exactly as the engine does, agents and teams by name', () => {
    for (const code of WHY_CODES) {
      const d = { why: englishWhy([WHY_EXAMPLES[code]]), whys: [WHY_EXAMPLES[code]] };
      expect(decisionWhy(d, tr(en)), code).toBe(d.why);
    }
    const offered = { why: '', whys: [WHY_EXAMPLES.offeredNext, WHY_EXAMPLES.skipped] };
    expect(decisionWhy(offered, tr(en), names)).toBe(
      'round robin: offered to Ann Agent, next in the rotation (position 1 of 2); skipped Bea Agent (offline)',
    );
    expect(decisionWhy({ why: '', whys: [WHY_EXAMPLES.endedQueued] }, tr(en), names)).toBe(
      'ended after waiting 12.5 s in the queue of team Sales',
    );
  });

  it('says every code in Korean with no English word and no placeholder left', () => {
    for (const code of WHY_CODES) {
      const text = decisionWhy({ why: 'English', whys: [WHY_EXAMPLES[code]] }, tr(ko), names);
      expect(text, code).not.toMatch(/[{}]/);
      expect(latin(text), `${code}: ${text}`).toEqual([]);
    }
  });

  it('says a whole decision in Korean, clause by clause, lead-ins joined with a colon', () => {
    const whys: Why[] = [
      WHY_EXAMPLES.ruleMatched,
      { code: 'noEligible', pool: 'team sales', skipped: [{ agent: 'u_ann', reason: 'at capacity 10/10' }], more: 2 },
      WHY_EXAMPLES.roundRobinFallback,
      WHY_EXAMPLES.offeredNext,
    ];
    expect(decisionWhy({ why: englishWhy(whys), whys }, tr(ko), names)).toBe(
      '규칙 "big" 일치(2개 중 1번째); Sales 팀: 대화 가능한 상담원 없음(Ann Agent (채팅 한도 10/10) 외 2명); ' +
        '워크스페이스 설정에 따라 라운드 로빈으로 넘어갑니다: 라운드 로빈: 순서에 따라 Ann Agent 님에게 제안함(2명 중 1번째)',
    );
  });

  it('says a decision logged before clauses were recorded from its English sentence, where the shape is known', () => {
    const old = { why: 'u_bea declined the offer, which counts like a timeout; outside business hours' };
    expect(decisionWhy(old, tr(ko), names)).toBe(
      'Bea Agent 님이 제안을 거절했습니다(시간 초과와 같이 처리); outside business hours',
    );
    expect(decisionWhy(old, tr(en), names)).toBe(
      'Bea Agent declined the offer, which counts like a timeout; outside business hours',
    );
  });

  it('says standings in the app language', () => {
    expect(standingText('at capacity 3/10', tr(ko))).toBe('채팅 한도 3/10');
    expect(standingText('the sender', tr(ko))).toBe('이관한 상담원');
    expect(standingText('something new', tr(ko))).toBe('something new');
  });
});
