// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { collectForm, color, mergePayload, setPath, WidgetRenderer, type ActionConfig } from '../src/widgets';
import { readJson } from './fixtures';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';

function renderer(actions: { action: ActionConfig; binding: string }[] = [], allowedImageDomains?: string[]) {
  return new WidgetRenderer({
    scheme: 'light',
    allowedImageDomains,
    strings: { showMore: 'Show more' },
    action: async (action, origin) => { actions.push({ action, binding: origin.binding }); },
    reportError: vi.fn(),
  });
}

describe('form values (docs/widgets.md §4.3)', () => {
  it('setPath nests dotted names and never overwrites', () => {
    const o: any = { a: { b: 1 } };
    expect(setPath(o, 'a.c', 2)).toBe(true);
    expect(setPath(o, 'a.b', 3)).toBe(false);
    expect(setPath(o, 'x.y.z', 'v')).toBe(true);
    expect(o).toEqual({ a: { b: 1, c: 2 }, x: { y: { z: 'v' } } });
  });

  it('mergePayload keeps authored keys and reports collisions', () => {
    const conflicts: string[] = [];
    const out = mergePayload({ id: 1, todo: { done: false } }, { id: 9, todo: { title: 'T' }, note: 'n' }, (k) => conflicts.push(k));
    expect(out).toEqual({ id: 1, todo: { done: false, title: 'T' }, note: 'n' });
    expect(conflicts).toEqual(['id']);
    expect(mergePayload(undefined, { a: 1 })).toEqual({ a: 1 });
  });

  it('a Form submit merges every control into onSubmitAction.payload', async () => {
    const actions: any[] = [];
    const root = renderer(actions).render({
      type: 'Card',
      children: [{
        type: 'Form', onSubmitAction: { type: 'todo.save', payload: { list: 'inbox' } },
        children: [
          { type: 'Input', name: 'todo.title', defaultValue: 'Buy milk' },
          { type: 'Textarea', name: 'todo.notes', defaultValue: 'two litres' },
          { type: 'Select', name: 'priority', options: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }], defaultValue: 'high' },
          { type: 'Checkbox', name: 'todo.urgent', defaultChecked: true },
          { type: 'RadioGroup', name: 'when', options: [{ value: 'today', label: 'Today' }, { value: 'later', label: 'Later' }], defaultValue: 'later' },
          { type: 'DatePicker', name: 'due', defaultValue: '2025-06-01T00:00:00Z' },
          { type: 'Text', value: 'Inline', editable: { name: 'todo.label' } },
          { type: 'Button', label: 'Save', submit: true },
        ],
      }],
    });
    document.body.append(root);
    const form = root.querySelector('form')!;
    form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await Promise.resolve();
    expect(actions).toHaveLength(1);
    expect(actions[0].action.type).toBe('todo.save');
    expect(actions[0].action.payload).toEqual({
      list: 'inbox',
      todo: { title: 'Buy milk', notes: 'two litres', urgent: true, label: 'Inline' },
      priority: 'high', when: 'later', due: '2025-06-01T00:00:00.000Z',
    });
    expect(collectForm(form)).toMatchObject({ priority: 'high' });
    root.remove();
  });

  it('Card asForm: confirm submits the collected fields; cancel fires its own action', async () => {
    const actions: any[] = [];
    const root = renderer(actions).render({
      type: 'Card', asForm: true,
      confirm: { label: 'Send', action: { type: 'send', payload: { id: 'r1' } } },
      cancel: { label: 'Cancel', action: { type: 'cancel' } },
      children: [{ type: 'Input', name: 'email', defaultValue: 'a@b.c' }],
    });
    document.body.append(root);
    const buttons = Array.from(root.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['Cancel', 'Send']);
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    buttons[0].click();
    expect(actions.map((a) => [a.action.type, a.action.payload, a.binding])).toEqual([
      ['send', { id: 'r1', email: 'a@b.c' }, 'submit'],
      ['cancel', undefined, 'confirm'],
    ]);
    root.remove();
  });
});

describe('actions', () => {
  it('Button and ListViewItem clicks fire their ActionConfig (handler/streaming preserved)', () => {
    const actions: any[] = [];
    const w = readJson('catalog/items/widget.json').widget;
    const root = renderer(actions).render({ type: 'Card', children: [{ type: 'Button', label: 'Go', onClickAction: { type: 'go', handler: 'client', streaming: false } }] });
    root.querySelector('button')!.click();
    const lv = renderer(actions).render(w);
    (lv.querySelector('[role="button"]') as HTMLElement).click();
    (lv.querySelectorAll('[role="button"]')[1] as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(actions.map((a) => a.action)).toEqual([
      { type: 'go', handler: 'client', streaming: false },
      { type: 'line.select', payload: { id: 'blue' } },
      { type: 'line.select', payload: { id: 'orange' } },
    ]);
  });

  it('loadingBehavior self marks the button while the action runs', async () => {
    let resolve!: () => void;
    const r = new WidgetRenderer({ scheme: 'light', strings: { showMore: '' }, action: () => new Promise<void>((res) => (resolve = res)) });
    const root = r.render({ type: 'Card', children: [{ type: 'Button', label: 'Go', onClickAction: { type: 'go' } }] });
    const b = root.querySelector('button')!;
    b.click();
    expect(b.getAttribute('aria-busy')).toBe('true');
    resolve();
    await new Promise((x) => setTimeout(x, 0));
    expect(b.hasAttribute('aria-busy')).toBe(false);
  });

});

describe('rendering', () => {
  it('renders every expected widget of the fixtures without unsafe output', () => {
    const dir = join(FIXTURES, 'widgets');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const w = readJson(`widgets/${f}`);
      const el = renderer().render(w);
      expect(el.childElementCount, f).toBe(1);
      expect(el.querySelector('script')).toBeNull();
    }
  });

  it('renders all §7 components', () => {
    const root = renderer([], ['example.com']).render({
      type: 'Basic', children: [
        { type: 'Box', children: [{ type: 'Row', children: [{ type: 'Col', children: [{ type: 'Spacer' }] }] }] },
        { type: 'Divider' }, { type: 'Text', value: 't' }, { type: 'Title', value: 'T' }, { type: 'Caption', value: 'c' },
        { type: 'Markdown', value: '**m**' }, { type: 'Label', value: 'L', fieldName: 'x' }, { type: 'Badge', label: 'b' },
        { type: 'Icon', name: 'check' }, { type: 'Image', src: 'https://example.com/a.png' }, { type: 'Button', label: 'B' },
        { type: 'Form', children: [] }, { type: 'Input', name: 'i' }, { type: 'Textarea', name: 'ta' },
        { type: 'Select', name: 's', options: [] }, { type: 'Checkbox', name: 'c' }, { type: 'RadioGroup', name: 'r', options: [] },
        { type: 'DatePicker', name: 'd' }, { type: 'Transition', children: { type: 'Text', value: 'x' } },
        { type: 'Chart', data: [{ x: 'a', y: 1 }], series: [{ type: 'area', dataKey: 'y' }], xAxis: { dataKey: 'x' } },
        { type: 'Table', children: [{ type: 'Table.Row', header: true, children: [{ type: 'Table.Cell', children: [{ type: 'Text', value: 'h' }] }] }] },
        { type: 'ListView', limit: 1, children: [{ type: 'ListViewItem', children: [] }, { type: 'ListViewItem', children: [] }] },
      ],
    });
    for (const sel of ['.ck-w-box', '.ck-w-row', '.ck-w-col', '.ck-w-spacer', '.ck-w-divider', '.ck-w-text', '.ck-w-title', '.ck-w-caption', '.ck-w-markdown strong', '.ck-w-label', '.ck-w-badge', '.ck-w-icon svg', 'img.ck-w-image', 'button', 'form.ck-w-form', 'input[name=i]', 'textarea', '[role=combobox]', 'input[type=checkbox]', '[role=radiogroup]', '.ck-w-date [aria-haspopup=dialog]', '.ck-w-transition .ck-w-text', '.ck-w-chart svg path', 'table th', '.ck-w-showmore']) {
      expect(root.querySelector(sel), sel).not.toBeNull();
    }
  });

  it('unknown components and hostile values render nothing harmful', () => {
    const root = renderer().render({
      type: 'Card', children: [
        { type: 'script', value: 'x' }, { type: 'Nope', children: [{ type: 'Text', value: 'hidden' }] },
        { type: 'Text', value: '<img src=x onerror=alert(1)>', color: 'red;background:url(javascript:alert(1))' },
        { type: 'Image', src: 'javascript:alert(1)' },
        { type: 'Box', background: 'url(https://evil.example/x)', children: [] },
        { type: 'Markdown', value: '<script>alert(1)</script>[x](javascript:alert(1))' },
      ],
    });
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).not.toContain('hidden');
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.querySelector('img')?.getAttribute('src') ?? null).toBeNull();
    for (const el of Array.from(root.querySelectorAll('*'))) {
      expect(el.getAttribute('style') ?? '').not.toMatch(/url\(|javascript/i);
      expect(el.getAttribute('href') ?? '').not.toMatch(/javascript/i);
    }
  });

  it('colour tokens, primitives and ThemeColor', () => {
    expect(color('secondary', 'light')).toBe('var(--ck-text-secondary)');
    expect(color('blue-500', 'light')).toBe('#3b82f6');
    expect(color({ light: 'red-500', dark: 'blue-500' }, 'dark')).toBe('#3b82f6');
    expect(color('#123456', 'light')).toBe('#123456');
    expect(color('red;x:y', 'light')).toBeUndefined();
  });
});
