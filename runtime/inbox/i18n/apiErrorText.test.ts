import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/api/client.ts';
import { apiErrorText } from './apiErrorText.ts';
import { en } from './en.ts';
import { tr } from './testTranslate.ts';
import { ko } from './ko.ts';

const failure = (status: number, field?: string) =>
  new ApiError(status, 'x', `the server's English for ${status}`, { error: { code: 'x', message: '', field } });

describe('a failed call in the app language', () => {
  it('shows the server sentence in English', () => {
    expect(apiErrorText(failure(409), tr(en), 'en')).toBe("the server's English for 409");
  });

  it('says every status in Korean without the server English, naming the field it named', () => {
    const said = [0, 400, 403, 404, 409, 413, 429, 503, 418].map((s) => apiErrorText(failure(s), tr(ko), 'ko'));
    for (const text of said) expect(text).not.toMatch(/English/);
    expect(new Set(said).size).toBe(said.length);
    expect(apiErrorText(failure(400, 'query.to'), tr(ko), 'ko')).toBe('서버가 query.to 값을 거부했습니다.');
    expect(apiErrorText(failure(503), tr(ko), 'ko')).toBe(ko.apiError_unavailable);
    expect(apiErrorText(new TypeError('Failed to fetch'), tr(ko), 'ko')).toBe(ko.apiError_network);
  });
});
