// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { AUTO_LIST_LIMIT, collectForm, color, DEFAULT_STRINGS, isKnownNode, isoOf, mergePayload, parseDay, RENDERERS, setPath, WIDGET_STRING_KEYS, WidgetRenderer, widgetStrings, type ActionConfig, type WidgetContext } from '../src/widgets';
import { readJson } from './fixtures';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    expect(Object.keys(collectForm(form)), 'document order, a radio group where its first radio is').toEqual(['todo', 'priority', 'when', 'due']);
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

// ---------------------------------------------------------------- issue 18 item 4: faithful controls

function mount(node: any, actions: { action: ActionConfig; binding: string }[] = [], extra: Partial<WidgetContext> = {}) {
  const root = new WidgetRenderer({
    scheme: 'light', locale: 'en-US', strings: { showMore: 'Show more' },
    action: async (action, origin) => { actions.push({ action, binding: origin.binding }); }, ...extra,
  }).render(node);
  document.body.append(root);
  return root;
}
const key = (el: Element, k: string, init: KeyboardEventInit = {}) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));

describe('the renderer is typed by the server\'s component catalogue', () => {
  it('has exactly one render function per component type of Components.g.cs', () => {
    const cs = readFileSync(join(FIXTURES, '..', '..', 'src', 'ChatKit', 'Widgets', 'Components.g.cs'), 'utf8');
    const types = [...cs.matchAll(/public const string TypeName = "([^"]+)";/g)].map((m) => m[1]).sort();
    expect(types.length).toBeGreaterThan(25);
    expect(Object.keys(RENDERERS).sort()).toEqual(types);
    expect(isKnownNode({ type: 'Card', children: [] })).toBe(true);
    expect(isKnownNode({ type: 'toString' })).toBe(false);
    expect(isKnownNode({ type: 'constructor' })).toBe(false);
  });
});

describe('Select is a listbox', () => {
  const options = [
    { value: 'apple', label: 'Apple' }, { value: 'banana', label: 'Banana', disabled: true },
    { value: 'cherry', label: 'Cherry', description: 'Red' }, { value: 'cranberry', label: 'Cranberry' },
  ];

  it('follows the select-only combobox pattern and sends the chosen value with onChangeAction', () => {
    const actions: any[] = [];
    const root = mount({ type: 'Basic', children: [{ type: 'Select', name: 'fruit', placeholder: 'Pick a fruit', options, onChangeAction: { type: 'pick', payload: { k: 1 } } }] }, actions);
    const combo = root.querySelector('[role=combobox]') as HTMLButtonElement;
    const box = root.querySelector('[role=listbox]') as HTMLElement;
    const hidden = root.querySelector('input[type=hidden][name=fruit]') as HTMLInputElement;
    expect(combo.getAttribute('aria-controls')).toBe(box.id);
    expect(combo.getAttribute('aria-expanded')).toBe('false');
    expect(combo.textContent).toBe('Pick a fruit');
    expect(hidden.value).toBe('');
    expect(box.querySelectorAll('[role=option]')).toHaveLength(4);
    expect(box.querySelector('[aria-disabled=true]')?.textContent).toBe('Banana');

    key(combo, 'ArrowDown');
    expect(combo.getAttribute('aria-expanded')).toBe('true');
    expect(box.hidden).toBe(false);
    expect(document.getElementById(combo.getAttribute('aria-activedescendant')!)?.textContent).toBe('Apple');
    key(combo, 'ArrowDown'); // skips the disabled Banana
    expect(document.getElementById(combo.getAttribute('aria-activedescendant')!)?.dataset.value).toBe('cherry');
    key(combo, 'Enter');
    expect(combo.getAttribute('aria-expanded')).toBe('false');
    expect(hidden.value).toBe('cherry');
    expect(combo.querySelector('.ck-w-select-value')!.textContent).toBe('Cherry');
    expect(box.querySelector('[aria-selected=true]')?.getAttribute('data-value')).toBe('cherry');
    expect(actions.map((a) => [a.action, a.binding])).toEqual([[{ type: 'pick', payload: { k: 1, value: 'cherry' } }, 'change']]);

    // Escape closes without choosing; choosing the same value again fires nothing.
    key(combo, 'ArrowDown');
    key(combo, 'End');
    key(combo, 'Escape');
    expect(hidden.value).toBe('cherry');
    combo.click();
    (box.querySelector('[data-value=cherry]') as HTMLElement).click();
    expect(actions).toHaveLength(1);
    // A pointer choice.
    combo.click();
    (box.querySelector('[data-value=apple]') as HTMLElement).click();
    expect(hidden.value).toBe('apple');
    expect(actions.at(-1)!.action.payload).toEqual({ k: 1, value: 'apple' });
    root.remove();
  });

  it('typeahead jumps to the option starting with the typed text; Home/End; disabled options cannot be chosen', () => {
    const root = mount({ type: 'Basic', children: [{ type: 'Select', name: 'f', options }] });
    const combo = root.querySelector('[role=combobox]') as HTMLElement;
    const active = () => document.getElementById(combo.getAttribute('aria-activedescendant') ?? '')?.dataset.value;
    key(combo, 'c');
    expect(combo.getAttribute('aria-expanded')).toBe('true');
    expect(active()).toBe('cherry');
    key(combo, 'r');
    key(combo, 'a'); // "cra" -> Cranberry
    expect(active()).toBe('cranberry');
    key(combo, 'Home');
    expect(active()).toBe('apple');
    key(combo, 'End');
    expect(active()).toBe('cranberry');
    key(combo, 'Enter');
    expect((root.querySelector('input[name=f]') as HTMLInputElement).value).toBe('cranberry');
    combo.click();
    (root.querySelector('[data-value=banana]') as HTMLElement).click();
    expect((root.querySelector('input[name=f]') as HTMLInputElement).value).toBe('cranberry');
    root.remove();
  });

  it('clearable offers a clear button that sends null; variant, size, pill, block and disabled are kept', () => {
    const actions: any[] = [];
    const root = mount({ type: 'Basic', children: [
      { type: 'Select', name: 'f', options, defaultValue: 'apple', clearable: true, variant: 'soft', size: 'lg', pill: true, block: true, onChangeAction: { type: 'c' } },
      { type: 'Select', name: 'g', options, disabled: true },
    ] }, actions);
    const [wrap, off] = Array.from(root.querySelectorAll('.ck-w-select')) as HTMLElement[];
    expect([wrap.dataset.variant, wrap.dataset.size, wrap.classList.contains('ck-pill'), wrap.classList.contains('ck-block')]).toEqual(['soft', 'lg', true, true]);
    const clear = wrap.querySelector('.ck-w-clear') as HTMLButtonElement;
    expect(clear.getAttribute('aria-label')).toBe('Clear');
    expect(clear.hidden).toBe(false);
    clear.click();
    expect((wrap.querySelector('input[name=f]') as HTMLInputElement).value).toBe('');
    expect(clear.hidden).toBe(true);
    expect(actions[0].action).toEqual({ type: 'c', payload: { value: null } });
    const offCombo = off.querySelector('[role=combobox]') as HTMLButtonElement;
    expect(offCombo.disabled).toBe(true);
    key(offCombo, 'ArrowDown');
    expect(offCombo.getAttribute('aria-expanded')).toBe('false');
    // An empty Select joins a form as null.
    root.remove();
    const form = mount({ type: 'Card', asForm: true, confirm: { label: 'Go', action: { type: 'go' } }, children: [{ type: 'Select', name: 's', options }] });
    expect(collectForm(form.querySelector('form')!)).toEqual({ s: null });
    form.remove();
  });
});

describe('DatePicker', () => {
  it('reads ISO date-times by their calendar date and sends ISO date-times', () => {
    expect(parseDay('2025-06-01T23:30:00-07:00')).toBe(Date.UTC(2025, 5, 1));
    expect(parseDay('2025-06-01')).toBe(Date.UTC(2025, 5, 1));
    expect(parseDay('2025-02-30T00:00:00Z')).toBeNull();
    expect(parseDay('tomorrow')).toBeNull();
    expect(isoOf(Date.UTC(2025, 5, 1))).toBe('2025-06-01T00:00:00.000Z');
  });

  it('opens a calendar on its side and alignment, honours min and max, and sends the picked day', () => {
    const actions: any[] = [];
    const root = mount({ type: 'Basic', children: [{
      type: 'DatePicker', name: 'due', defaultValue: '2025-06-10T09:00:00+02:00', min: '2025-06-05T00:00:00Z', max: '2025-07-20T00:00:00Z',
      side: 'top', align: 'end', onChangeAction: { type: 'due.set' },
    }] }, actions);
    const trigger = root.querySelector('.ck-w-date-trigger') as HTMLButtonElement;
    const hidden = root.querySelector('input[name=due]') as HTMLInputElement;
    const dialog = root.querySelector('[role=dialog]') as HTMLElement;
    expect(hidden.value).toBe('2025-06-10T00:00:00.000Z');
    expect(trigger.textContent).toBe('Jun 10, 2025');
    expect(trigger.getAttribute('aria-haspopup')).toBe('dialog');
    expect([dialog.dataset.side, dialog.dataset.align]).toEqual(['top', 'end']);
    expect(dialog.hidden).toBe(true);

    trigger.click();
    expect(dialog.hidden).toBe(false);
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(dialog.querySelector('.ck-w-cal-title')!.textContent).toBe('June 2025');
    const day = (d: string) => dialog.querySelector(`[data-date="${d}"]`) as HTMLButtonElement;
    expect(day('2025-06-10').getAttribute('aria-selected')).toBe('true');
    expect(day('2025-06-10').tabIndex).toBe(0);
    expect(document.activeElement).toBe(day('2025-06-10'));
    expect(day('2025-06-04').getAttribute('aria-disabled')).toBe('true');
    expect(day('2025-06-05').hasAttribute('aria-disabled')).toBe(false);
    expect((dialog.querySelector('[aria-label="Previous month"]') as HTMLButtonElement).disabled).toBe(true);
    // en-US weeks start on Sunday.
    expect(dialog.querySelector('th')!.abbr).toBe('Sunday');

    day('2025-06-04').click(); // before min: nothing
    expect(actions).toHaveLength(0);
    key(day('2025-06-10'), 'ArrowRight');
    expect(document.activeElement).toBe(day('2025-06-11'));
    key(day('2025-06-11'), 'PageDown');
    expect(dialog.querySelector('.ck-w-cal-title')!.textContent).toBe('July 2025');
    expect(day('2025-07-21').getAttribute('aria-disabled')).toBe('true');
    expect((dialog.querySelector('[aria-label="Next month"]') as HTMLButtonElement).disabled).toBe(true);
    key(day('2025-07-11'), 'Enter');
    expect(hidden.value).toBe('2025-07-11T00:00:00.000Z');
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(trigger);
    expect(actions.map((a) => [a.action, a.binding])).toEqual([[{ type: 'due.set', payload: { value: '2025-07-11T00:00:00.000Z' } }, 'change']]);

    trigger.click();
    key(document.activeElement!, 'Escape');
    expect(dialog.hidden).toBe(true);
    expect(actions).toHaveLength(1);
    root.remove();
  });

  it('keyboard moves stop at min and max', () => {
    const root = mount({ type: 'Basic', children: [{ type: 'DatePicker', name: 'd', defaultValue: '2025-07-18', min: '2025-07-02', max: '2025-07-20' }] });
    (root.querySelector('.ck-w-date-trigger') as HTMLButtonElement).click();
    key(document.activeElement!, 'ArrowDown');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2025-07-20');
    key(document.activeElement!, 'PageUp');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2025-07-02');
    root.remove();
  });

  it('shows the placeholder when empty; clearable clears to null', () => {
    const actions: any[] = [];
    const root = mount({ type: 'Basic', children: [
      { type: 'DatePicker', name: 'a', placeholder: 'When?' },
      { type: 'DatePicker', name: 'b', defaultValue: '2025-01-31', clearable: true, onChangeAction: { type: 'b' } },
    ] }, actions);
    const [a, b] = Array.from(root.querySelectorAll('.ck-w-date')) as HTMLElement[];
    expect(a.querySelector('.ck-w-date-value')!.textContent).toBe('When?');
    expect(a.querySelector('.ck-w-date-value')!.classList.contains('ck-placeholder')).toBe(true);
    expect(a.querySelector('.ck-w-clear')).toBeNull();
    (b.querySelector('.ck-w-clear') as HTMLButtonElement).click();
    expect((b.querySelector('input[name=b]') as HTMLInputElement).value).toBe('');
    expect(actions[0].action.payload).toEqual({ value: null });
    root.remove();
  });
});

describe('text fields', () => {
  it('Textarea autoResize grows up to maxRows lines, then scrolls', () => {
    const root = mount({ type: 'Basic', children: [{ type: 'Textarea', name: 't', rows: 2, autoResize: true, maxRows: 4 }] });
    const t = root.querySelector('textarea') as HTMLTextAreaElement;
    t.style.lineHeight = '20px';
    t.style.padding = '0px';
    let content = 40;
    Object.defineProperty(t, 'scrollHeight', { get: () => content });
    t.dispatchEvent(new Event('input'));
    expect([t.rows, t.style.height, t.style.overflowY]).toEqual([2, '40px', 'hidden']);
    content = 60;
    t.dispatchEvent(new Event('input'));
    expect(t.style.height).toBe('60px');
    content = 200;
    t.dispatchEvent(new Event('input'));
    expect([t.style.height, t.style.overflowY]).toEqual(['80px', 'auto']);
    root.remove();
  });

  it('Textarea pattern: the whole value must match, reported through constraint validation', () => {
    const root = mount({ type: 'Basic', children: [{ type: 'Textarea', name: 't', pattern: '[a-z]+(\\n[a-z]+)*' }] });
    const t = root.querySelector('textarea') as HTMLTextAreaElement;
    expect(t.checkValidity()).toBe(true);
    t.value = 'abc\ndef';
    t.dispatchEvent(new Event('input'));
    expect(t.checkValidity()).toBe(true);
    t.value = 'abc1';
    t.dispatchEvent(new Event('input'));
    expect(t.checkValidity()).toBe(false);
    expect(t.getAttribute('aria-invalid')).toBe('true');
    root.remove();
  });

  it('editable Text is multi-line when it asks for more than one line', () => {
    const root = mount({ type: 'Card', asForm: true, children: [
      { type: 'Text', value: 'one line', editable: { name: 'a', pattern: '[a-z ]+' } },
      { type: 'Text', value: 'first', minLines: 3, maxLines: 6, editable: { name: 'b', placeholder: 'Notes' } },
      { type: 'Text', value: 'x\ny', editable: { name: 'c' } },
    ] });
    const [a, b, c] = Array.from(root.querySelectorAll('.ck-w-text-editable')) as HTMLElement[];
    expect(a.tagName).toBe('INPUT');
    expect((a as HTMLInputElement).pattern).toBe('[a-z ]+');
    expect(b.tagName).toBe('TEXTAREA');
    expect((b as HTMLTextAreaElement).rows).toBe(3);
    expect(b.dataset.maxRows).toBe('6');
    expect(c.tagName).toBe('TEXTAREA');
    expect(collectForm(root.querySelector('form')!)).toEqual({ a: 'one line', b: 'first', c: 'x\ny' });
    root.remove();
  });
});

describe('labels, toggles and change actions', () => {
  it('a Label is linked to the control its fieldName names', () => {
    const root = mount({ type: 'Card', children: [
      { type: 'Label', value: 'Title', fieldName: 'title' }, { type: 'Input', name: 'title', placeholder: 'ph' },
      { type: 'Label', value: 'Fruit', fieldName: 'fruit' }, { type: 'Select', name: 'fruit', options: [{ value: 'a', label: 'A' }] },
      { type: 'Label', value: 'Due', fieldName: 'due' }, { type: 'DatePicker', name: 'due' },
      { type: 'Label', value: 'Size', fieldName: 'size' }, { type: 'RadioGroup', name: 'size', options: [{ value: 's', label: 'S' }] },
      { type: 'Label', value: 'Nothing', fieldName: 'missing' },
    ] });
    const labels = Array.from(root.querySelectorAll('label.ck-w-label')) as HTMLLabelElement[];
    const input = root.querySelector('input[name=title]') as HTMLInputElement;
    expect(labels[0].htmlFor).toBe(input.id);
    expect(input.labels?.[0]).toBe(labels[0]);
    expect(input.hasAttribute('aria-label')).toBe(false);
    const combo = root.querySelector('[role=combobox]')!;
    expect(combo.getAttribute('aria-labelledby')).toBe(labels[1].id);
    const date = root.querySelector('.ck-w-date-trigger')!;
    expect(date.getAttribute('aria-labelledby')).toBe(`${labels[2].id} ${date.querySelector('.ck-w-date-value')!.id}`);
    expect(root.querySelector('[role=radiogroup]')!.getAttribute('aria-labelledby')).toBe(labels[3].id);
    expect(labels[4].htmlFor).toBe('');
    root.remove();
  });

  it('Checkbox and RadioGroup send their value with onChangeAction; radio groups of two widgets stay apart', () => {
    const actions: any[] = [];
    const node = { type: 'Card', children: [
      { type: 'Checkbox', name: 'agree', label: 'Agree', onChangeAction: { type: 'agree' } },
      { type: 'RadioGroup', name: 'size', direction: 'row', options: [{ value: 's', label: 'S' }, { value: 'l', label: 'L' }], defaultValue: 's', onChangeAction: { type: 'size' } },
    ] };
    const one = mount(node, actions);
    const two = mount(node, []);
    (one.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    (one.querySelector('input[value=l]') as HTMLInputElement).click();
    expect(actions.map((a) => [a.action, a.binding])).toEqual([
      [{ type: 'agree', payload: { value: true } }, 'change'],
      [{ type: 'size', payload: { value: 'l' } }, 'change'],
    ]);
    expect((two.querySelector('input[value=s]') as HTMLInputElement).checked).toBe(true);
    expect((one.querySelector('[role=radiogroup]') as HTMLElement).dataset.direction).toBe('row');
    expect(collectForm(one)).toEqual({ agree: true, size: 'l' });
    one.remove();
    two.remove();
  });
});

describe('layout props', () => {
  it('Button iconSize, color, variant and size follow the types', () => {
    const root = mount({ type: 'Row', children: [
      { type: 'Button', label: 'Delete', iconStart: 'check', iconSize: 'xl', color: 'danger', variant: 'soft', size: 'lg' },
      { type: 'Button', label: 'Plain', iconEnd: 'check', size: 'sm' },
      { type: 'Button', label: 'Old', style: 'secondary', color: 'info' },
    ] });
    const [a, b, c] = Array.from(root.querySelectorAll('button')) as HTMLButtonElement[];
    expect([a.dataset.color, a.dataset.variant, a.dataset.size, a.dataset.iconSize, a.querySelector('svg')!.getAttribute('width')]).toEqual(['danger', 'soft', 'lg', 'xl', '20']);
    expect([b.dataset.color, b.dataset.size, b.dataset.iconSize, b.querySelector('svg')!.getAttribute('width')]).toEqual([undefined, 'sm', 'sm', '14']);
    expect([c.dataset.color, c.dataset.variant, c.classList.contains('ck-btn-secondary')]).toEqual(['info', 'outline', true]);
    const iconOnly = mount({ type: 'Basic', children: [{ type: 'Button', iconStart: 'check-circle' }] });
    expect(iconOnly.querySelector('button')!.getAttribute('aria-label')).not.toMatch(/-/);
    iconOnly.remove();
    root.remove();
  });

  it('ListView limit "auto" shows a handful of rows, and never hides a single one', () => {
    const rows = (k: number) => Array.from({ length: k }, (_, i) => ({ type: 'ListViewItem', children: [{ type: 'Text', value: `r${i}` }] }));
    const many = mount({ type: 'ListView', limit: 'auto', children: rows(AUTO_LIST_LIMIT + 5) });
    expect(Array.from(many.querySelectorAll('.ck-w-listitem')).filter((r) => !(r as HTMLElement).hidden)).toHaveLength(AUTO_LIST_LIMIT);
    (many.querySelector('.ck-w-showmore') as HTMLButtonElement).click();
    expect(Array.from(many.querySelectorAll('.ck-w-listitem')).filter((r) => !(r as HTMLElement).hidden)).toHaveLength(AUTO_LIST_LIMIT + 5);
    expect(document.activeElement, 'the focus moves to the first revealed row').toBe(many.querySelectorAll('.ck-w-listitem')[AUTO_LIST_LIMIT]);
    const few = mount({ type: 'ListView', limit: 'auto', children: rows(AUTO_LIST_LIMIT + 1) });
    expect(few.querySelector('.ck-w-showmore')).toBeNull();
    many.remove();
    few.remove();
  });

  it('Image and Divider flush, Table colSize', () => {
    const root = mount({ type: 'Card', children: [
      { type: 'Image', src: 'https://example.com/a.png', flush: true }, { type: 'Divider', flush: true }, { type: 'Divider' },
      { type: 'Table', children: [{ type: 'Table.Row', header: true, children: [{ type: 'Table.Cell', colSize: 'lg', children: [] }, { type: 'Table.Cell', colSize: 'huge', children: [] }] }] },
    ] }, [], { allowedImageDomains: ['example.com'] });
    expect(root.querySelector('img')!.classList.contains('ck-flush')).toBe(true);
    expect(Array.from(root.querySelectorAll('hr')).map((d) => d.classList.contains('ck-flush'))).toEqual([true, false]);
    const [lg, bad] = Array.from(root.querySelectorAll('th')) as HTMLElement[];
    expect([lg.dataset.colSize, lg.style.width, lg.scope]).toEqual(['lg', '240px', 'col']);
    expect([bad.dataset.colSize, bad.style.width]).toEqual([undefined, '']);
    expect(root.querySelector('thead th')).not.toBeNull();
    root.remove();
  });

  it('a Transition animates when its child changes between renders of the same item', async () => {
    const node = (v: string) => ({ type: 'Card', children: [{ type: 'Transition', children: { type: 'Text', value: v } }] });
    const first = mount(node('a'), [], { itemId: 'item_t' });
    expect(first.querySelector('.ck-w-transition')!.classList.contains('ck-w-entering')).toBe(false);
    const same = mount(node('a'), [], { itemId: 'item_t' });
    expect(same.querySelector('.ck-w-transition')!.classList.contains('ck-w-entering')).toBe(false);
    const changed = mount(node('b'), [], { itemId: 'item_t' });
    const t = changed.querySelector('.ck-w-transition') as HTMLElement;
    expect(t.classList.contains('ck-w-entering')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.classList.contains('ck-w-entering')).toBe(false);
    const other = mount(node('c'), [], { itemId: 'item_other' });
    expect(other.querySelector('.ck-w-transition')!.classList.contains('ck-w-entering')).toBe(false);
    for (const r of [first, same, changed, other]) r.remove();
  });
});

describe('control words come from the element\'s string tables', () => {
  const table = (id: string) => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'locales', `${id}.json`), 'utf8'));
  const controls = { type: 'Basic', children: [
    { type: 'DatePicker', name: 'd', defaultValue: '2025-01-31', clearable: true },
    { type: 'Select', name: 's', options: [], clearable: true, defaultValue: 'x' },
    { type: 'Textarea', name: 't', pattern: '[a-z]+' },
  ] };
  const words = (root: HTMLElement) => {
    const t = root.querySelector('textarea') as HTMLTextAreaElement;
    t.value = '123';
    t.dispatchEvent(new Event('input'));
    return {
      chooseDate: root.querySelector('[role=dialog]')!.getAttribute('aria-label'),
      previousMonth: root.querySelectorAll('.ck-w-cal-nav')[0].getAttribute('aria-label'),
      nextMonth: root.querySelectorAll('.ck-w-cal-nav')[1].getAttribute('aria-label'),
      clear: [...root.querySelectorAll('.ck-w-clear')].map((b) => b.getAttribute('aria-label')),
      noOptions: root.querySelector('.ck-w-empty')!.textContent,
      invalidFormat: t.validationMessage,
    };
  };
  const expected = (t: Record<string, string>) => ({
    chooseDate: t.chooseDate, previousMonth: t.previousMonth, nextMonth: t.nextMonth, clear: [t.clear, t.clear], noOptions: t.noOptions, invalidFormat: t.invalidFormat,
  });

  it('every control word is a key of the English table, and English is the default', () => {
    const en = table('en');
    for (const k of WIDGET_STRING_KEYS) expect(typeof en[k], k).toBe('string');
    expect(DEFAULT_STRINGS).toEqual(Object.fromEntries(WIDGET_STRING_KEYS.map((k) => [k, en[k]])));
    const root = mount(controls);
    expect(words(root)).toEqual(expected(en));
    root.remove();
  });

  it.each(['de', 'ja', 'ar'])('shows the %s table\'s words when given them', (id) => {
    const t = table(id);
    const root = mount(controls, [], { locale: id, strings: widgetStrings(t) });
    expect(words(root)).toEqual(expected(t));
    expect(words(root).noOptions).not.toBe(table('en').noOptions);
    root.remove();
  });
});
