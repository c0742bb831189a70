import { describe, expect, it } from 'vitest';
import { readState, toApiSearch, toggled, toSearch } from '../../web/src/views/dataregister/state.js';

const read = (query: string) => readState(new URLSearchParams(query));

describe('Dataregister list state in the URL', () => {
  it('reads search, repeated facet values, sort and page', () => {
    const state = read('q=+parkeren+&theme=TRAN&theme=ENVI&theme=TRAN&publisher=rdw&sort=title&page=3');
    expect(state.q).toBe('parkeren');
    expect(state.filters.theme).toEqual(['TRAN', 'ENVI']);
    expect(state.filters.publisher).toEqual(['rdw']);
    expect(state.filters.format).toEqual([]);
    expect(state.sort).toBe('title');
    expect(state.page).toBe(3);
  });

  it('falls back to defaults for values it does not know', () => {
    const state = read('sort=price&page=-2');
    expect(state.sort).toBe('relevance');
    expect(state.page).toBe(1);
    expect(read('page=abc').page).toBe(1);
  });

  it('writes short page URLs and explicit API queries', () => {
    const state = read('q=bomen&license=CC0-1.0&license=CC-BY-4.0');
    expect(toSearch(state).toString()).toBe('q=bomen&license=CC0-1.0&license=CC-BY-4.0');
    expect(toApiSearch(state).toString()).toBe('q=bomen&license=CC0-1.0&license=CC-BY-4.0&sort=relevance&page=1&pageSize=10');
    expect(toSearch(read('')).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = read('q=lucht&personalData=none&sector=water&sort=-modified&page=2');
    expect(readState(toSearch(state))).toEqual(state);
  });

  it('toggling a facet value goes back to page 1 and leaves the others alone', () => {
    const state = read('theme=TRAN&format=CSV&page=4');
    const on = toggled(state, 'theme', 'ENVI', true);
    expect(on.filters.theme).toEqual(['TRAN', 'ENVI']);
    expect(on.filters.format).toEqual(['CSV']);
    expect(on.page).toBe(1);
    expect(toggled(on, 'theme', 'TRAN', false).filters.theme).toEqual(['ENVI']);
    expect(state.filters.theme).toEqual(['TRAN']);
  });
});
