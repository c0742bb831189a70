import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlPage, negotiate } from '../../../src/kernel/features/html.js';

describe('HTML representation', () => {
  it.each<[string | undefined, 'json' | 'html']>([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'], // a browser
    ['application/geo+json, application/json', 'json'], // GDAL
    ['application/json', 'json'],
    ['*/*', 'json'], // curl
    ['', 'json'],
    [undefined, 'json'],
    ['text/html;q=0.5, application/json', 'json'],
    ['application/json;q=0.2, text/html', 'html'],
    ['text/html, application/json', 'json'], // a tie goes to JSON
    ['text/html;q=0', 'json'],
  ])('Accept %j gives %s', (accept, want) => {
    expect(negotiate(undefined, accept)).toBe(want);
  });

  it('lets f= overrule Accept', () => {
    expect(negotiate('json', 'text/html')).toBe('json');
    expect(negotiate('html', 'application/json')).toBe('html');
  });

  it('never lets a value out as markup', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, href) => {
        const page = htmlPage(name, { properties: { name }, links: [{ href: `https://x.example/${href}`, rel: 'self', type: 'text/html', title: name }] });
        const body = page.slice(page.indexOf('<body>'));
        // Only the renderer's own tags: every < in a value was escaped.
        for (const tag of body.matchAll(/<\/?([a-z0-9]+)/g)) expect(['body', 'main', 'h1', 'dl', 'dt', 'dd', 'ul', 'li', 'a', 'small', 'html', 'ol', 'i', 'code']).toContain(tag[1]);
        expect(body.split('"').length % 2).toBe(1);
      }),
    );
    expect(htmlPage('x', { p: '<script>alert(1)</script>' })).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
