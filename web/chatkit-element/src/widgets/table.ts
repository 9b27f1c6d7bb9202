// Table, Table.Row, Table.Cell.
import type { Table, TableCell, TableRow } from './types';
import type { Scope } from './context';
import { el, list, oneOf } from './dom';
import { len, spacing } from './style';

/** Column widths of the colSize presets. */
export const COL_SIZES: Record<string, string> = { xs: '48px', sm: '96px', md: '160px', lg: '240px', xl: '320px' };
const LOGICAL: Record<string, string> = { start: 'start', center: 'center', end: 'end' };
const VERTICAL: Record<string, string> = { start: 'top', center: 'middle', end: 'bottom' };

export function renderTable(n: Table, s: Scope): HTMLElement {
  const t = el('table', 'ck-w-table');
  const head = el('thead');
  const body = el('tbody');
  for (const row of list(n.children)) {
    if (row?.type !== 'Table.Row') continue;
    // Header rows go in thead so assistive technology reads them as column headers.
    (row.header && !body.childElementCount ? head : body).append(renderTableRow(row, s));
  }
  if (head.childElementCount) t.append(head);
  t.append(body);
  return t;
}

export function renderTableRow(n: TableRow, s: Scope): HTMLElement {
  const tr = el('tr');
  for (const cell of list(n.children)) {
    if (cell?.type !== 'Table.Cell') continue;
    const td = renderCell(cell, s, !!n.header);
    tr.append(td);
  }
  return tr;
}

export const renderTableCell = (n: TableCell, s: Scope) => renderCell(n, s, false);

function renderCell(n: TableCell, s: Scope, header: boolean): HTMLElement {
  const td = el(header ? 'th' : 'td');
  if (header) td.scope = 'col';
  if (typeof n.colSpan === 'number' && n.colSpan > 0) td.colSpan = n.colSpan;
  if (typeof n.rowSpan === 'number' && n.rowSpan > 0) td.rowSpan = n.rowSpan;
  if (n.align && LOGICAL[n.align]) td.style.textAlign = LOGICAL[n.align];
  if (n.vAlign && VERTICAL[n.vAlign]) td.style.verticalAlign = VERTICAL[n.vAlign];
  const col = oneOf(n.colSize, ['xs', 'sm', 'md', 'lg', 'xl'] as const);
  if (col) { td.dataset.colSize = col; td.style.width = COL_SIZES[col]; }
  if (n.width != null) td.style.width = len(n.width) ?? '';
  spacing(td.style, 'padding', n.padding);
  s.children(td, n.children);
  return td;
}
