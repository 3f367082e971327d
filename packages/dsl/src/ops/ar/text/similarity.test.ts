import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.ts';
import { nameParts, nameSimilarity } from './similarity.ts';

describe('Jaro-Winkler test vectors', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.9444, 0.9611],
    ['DWAYNE', 'DUANE', 0.8222, 0.84],
    ['DIXON', 'DICKSONX', 0.7667, 0.8133],
    ['abc', 'abc', 1, 1],
    ['abc', 'xyz', 0, 0],
    ['', 'abc', 0, 0],
  ])('%s / %s', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 4);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 4);
  });
});

describe('payer-name similarity', () => {
  it('strips legal suffixes in Latin and CJK names', () => {
    expect(nameParts('ACME Trading Co., Ltd.').latin).toEqual(['acme', 'trading']);
    expect(nameParts('Müller GmbH & Co. KG').latin).toEqual(['müller']);
    expect(nameParts('上海华为技术股份有限公司').cjk).toEqual(['上海', '海华', '华为', '为技', '技术']);
  });

  it.each([
    ['ACME Trading Co., Ltd.', 'Acme Trading Limited', 1],
    ['ＡＣＭＥ　ＩＮＣ．', 'Acme, Inc', 1],
    ['上海华为技术有限公司', '上海华为技术股份有限公司', 1],
    ['Smith & Sons Ltd', 'Smith and Sons', 0.9],
    ['Jon Smith', 'John Smith', 0.9],
    ['北京字节跳动科技有限公司', '北京字节跳动网络技术有限公司', 0.6],
  ])('%s ≈ %s (≥ %d)', (a, b, min) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(min);
    expect(nameSimilarity(a, b)).toBeLessThanOrEqual(1);
    expect(nameSimilarity(b, a)).toBe(nameSimilarity(a, b));
  });

  it.each([
    ['Acme Corp', 'Globex Corp', 0.7],
    ['阿里巴巴（中国）有限公司', '腾讯科技（深圳）有限公司', 0.1],
    ['Acme', '阿克米', 0.01],
  ])('%s differs from %s (< %d)', (a, b, max) => {
    expect(nameSimilarity(a, b)).toBeLessThan(max);
  });

  it('is 0 for empty input', () => {
    expect(nameSimilarity('', '')).toBe(0);
    expect(nameSimilarity('Acme', '')).toBe(0);
    expect(nameSimilarity('.,;', '.,;')).toBe(0);
  });
});
