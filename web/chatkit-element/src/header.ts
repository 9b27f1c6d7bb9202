// The header: history button (or the configured left action), the title, the configured right action and
// "new chat".
import { iconButton } from './controls';
import type { Session } from './session';

export interface HeaderParts { header: HTMLElement; left: HTMLElement; title: HTMLElement; right: HTMLElement }

export interface HeaderHost { toggleHistory(): void; newChat(): void }

export function renderHeader(s: Session, parts: HeaderParts, host: HeaderHost) {
  const hd = s.opts.header ?? {};
  const { header, left, right, title } = parts;
  header.hidden = hd.enabled === false;
  left.textContent = '';
  right.textContent = '';
  const historyEnabled = s.opts.history?.enabled !== false;
  if (hd.leftAction) {
    // The handler is looked up when clicked: a later setOptions with equal options does not redraw the header.
    left.append(iconButton(hd.leftAction.icon, hd.leftAction.icon, () => s.opts.header?.leftAction?.onClick?.(), 'ck-header-btn'));
  } else if (historyEnabled) {
    left.append(iconButton('history', s.t.history, () => host.toggleHistory(), 'ck-header-btn ck-history-btn'));
  }
  if (hd.title?.enabled === false) title.textContent = '';
  else title.textContent = hd.title?.text ?? s.state.thread?.title ?? '';
  if (hd.rightAction) right.append(iconButton(hd.rightAction.icon, hd.rightAction.icon, () => s.opts.header?.rightAction?.onClick?.(), 'ck-header-btn'));
  right.append(iconButton('compose', s.t.newChat, () => host.newChat(), 'ck-header-btn ck-new-chat'));
}
