// Form values (docs/widgets.md §4.3): every named control inside a Form joins the payload of actions fired in it.

/** Sets `obj[a][b]...` for a dotted path unless a value is already there. */
export function setPath(obj: Record<string, any>, path: string, value: any): boolean {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    if (cur[k] == null) cur[k] = {};
    else if (typeof cur[k] !== 'object') return false;
    cur = cur[k];
  }
  const last = parts[parts.length - 1];
  if (Object.prototype.hasOwnProperty.call(cur, last)) return false;
  cur[last] = value;
  return true;
}

/** The field name of a control: radios carry it in data-field, since their name attribute is made unique. */
export const fieldName = (c: Element) => (c as HTMLElement).dataset.field ?? c.getAttribute('name') ?? '';

/**
 * Collects the named controls of a form element into a nested object: checkboxes as booleans, number inputs as
 * numbers, an unchosen radio group left out, an empty Select or DatePicker (data-nullable) as null.
 */
export function collectForm(form: HTMLElement): Record<string, any> {
  // Values in document order; a radio group takes the place of its first radio and holds its checked value.
  const entries = new Map<string, { value: any; radio: boolean }>();
  const add = (name: string, value: any, radio = false) => {
    const seen = entries.get(name);
    if (!seen) entries.set(name, { value, radio });
    else if (radio && seen.radio && value !== undefined) seen.value = value;
  };
  form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]').forEach((c) => {
    const name = fieldName(c);
    if (!name) return;
    if (c instanceof HTMLInputElement && c.type === 'checkbox') return add(name, c.checked);
    if (c instanceof HTMLInputElement && c.type === 'radio') return add(name, c.checked ? c.value : undefined, true);
    if (c instanceof HTMLInputElement && c.type === 'number') return add(name, c.value === '' ? null : Number(c.value));
    add(name, c.value === '' && c.dataset.nullable != null ? null : c.value);
  });
  const values: Record<string, any> = {};
  for (const [name, { value }] of entries) if (value !== undefined) setPath(values, name, value);
  return values;
}

/** Merges collected form values into an action payload (authored keys win). */
export function mergePayload(payload: any, values: Record<string, any>, onConflict?: (k: string) => void): any {
  const base = payload && typeof payload === 'object' && !Array.isArray(payload) ? JSON.parse(JSON.stringify(payload)) : payload == null ? {} : payload;
  if (typeof base !== 'object' || Array.isArray(base)) return base;
  const walk = (src: Record<string, any>, prefix: string) => {
    for (const [k, v] of Object.entries(src)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, p);
      else if (!setPath(base, p, v)) onConflict?.(p);
    }
  };
  walk(values, '');
  return base;
}
