// @vitest-environment jsdom
// Streamed Markdown: block boundaries, node reuse across deltas, and a final rendering equal to a whole one.
import { describe, expect, it } from 'vitest';
import { renderMarkdownToHtml } from '../src/markdown';
import { finishMarkdown, lastBlockBoundary, MarkdownStream } from '../src/markdown-stream';

/** Streams `text` in chunks of `size` characters, then finishes it. */
function stream(text: string, size: number): MarkdownStream {
  const md = new MarkdownStream();
  for (let i = size; i < text.length + size; i += size) md.update(text.slice(0, i));
  finishMarkdown(md, text);
  return md;
}

describe('MarkdownStream', () => {
  it('cuts at blank lines outside code fences only', () => {
    expect(lastBlockBoundary('one')).toBe(0);
    expect(lastBlockBoundary('one\n\ntwo')).toBe(5);
    expect(lastBlockBoundary('one\n\n')).toBe(5);
    expect(lastBlockBoundary('```\ncode\n\nmore')).toBe(0);
    expect(lastBlockBoundary('```\ncode\n\nmore\n```\n\nafter')).toBe('```\ncode\n\nmore\n```\n\n'.length);
    expect(lastBlockBoundary('~~~\na\n\n```\nb\n\n')).toBe(0);
  });

  it('ends exactly as a whole rendering, for any chunk size', { timeout: 30000 }, () => {
    const text = '# Title\n\nA *paragraph* with `code`.\n\n- one\n- two\n\n- three, loose\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n1. first\n\n2. second\n\n> quote\n\nLast [link][r].\n\n[r]: https://example.com';
    for (const size of [2, 7, 40, 1000]) expect(stream(text, size).el.innerHTML, `chunk ${size}`).toBe(renderMarkdownToHtml(text));
  });

  it('keeps its nodes across deltas: finished blocks and the paragraph being written', () => {
    const md = new MarkdownStream();
    md.update('Hello');
    const p = md.el.querySelector('p')!;
    const text = p.firstChild;
    md.update('Hello there');
    expect(md.el.querySelector('p')).toBe(p);
    expect(p.firstChild).toBe(text);
    expect(p.textContent).toBe('Hello there');
    md.update('Hello there\n\n```\nx = 1');
    md.update('Hello there\n\n```\nx = 1\ny = 2\n```\n\nEnd');
    expect(md.el.firstElementChild).toBe(p);
    const pre = md.el.querySelector('pre')!;
    md.update('Hello there\n\n```\nx = 1\ny = 2\n```\n\nEnd.');
    expect(md.el.querySelector('pre')).toBe(pre);
    expect(Array.from(md.el.children).map((e) => e.tagName)).toEqual(['P', 'PRE', 'P']);
    // Text that does not extend what is shown (an edit) starts over.
    md.update('Other');
    expect(md.el.textContent!.trim()).toBe('Other');
  });
});
