// The composer's attachments: checks files against the configured limits, uploads them with progress,
// shows them as removable chips and hands the finished attachments to the message.
import { iconButton } from './controls';
import { h } from './dom';
import { fmt } from './i18n';
import { icon } from './icons';
import { isLoadableImage } from './images';
import { nextId, type Session } from './session';
import type { Attachment } from './types';

export interface PendingUpload {
  localId: string;
  name: string;
  mime: string;
  previewUrl?: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  abort?: AbortController;
}

export interface UploadHost {
  toast(message: string): void;
  /** Something the composer shows changed (an upload started, finished, failed or was removed). */
  changed(): void;
  /** Only the progress changed. */
  progressed(): void;
  focusEditor(): void;
}

export class Uploads {
  list: PendingUpload[] = [];

  constructor(private readonly s: Session, private readonly row: HTMLElement, private readonly host: UploadHost) {}

  get enabled(): boolean {
    return !!this.s.opts.composer?.attachments?.enabled;
  }

  get busy(): boolean {
    return this.list.some((u) => u.status === 'uploading');
  }

  get finished(): Attachment[] {
    return this.list.filter((u) => u.status === 'done' && u.attachment).map((u) => u.attachment!);
  }

  addAttachment(a: Attachment) {
    this.list.push({ localId: nextId('up'), name: a.name, mime: a.mime_type, previewUrl: a.type === 'image' ? (a as any).preview_url : undefined, progress: 1, status: 'done', attachment: a });
  }

  add(file: File) {
    const t = this.s.t;
    const cfg = this.s.opts.composer?.attachments ?? {};
    const maxCount = cfg.maxCount ?? 10;
    if (this.list.length >= maxCount) return this.host.toast(fmt(t.tooManyFiles, { n: maxCount }));
    if (!fileAccepted(file, cfg.accept)) return this.host.toast(fmt(t.fileTypeNotAllowed, { name: file.name }));
    if (file.size > maxSizeFor(file, cfg.maxSize)) return this.host.toast(fmt(t.fileTooLarge, { name: file.name }));
    const up: PendingUpload = {
      localId: nextId('up'), name: file.name, mime: file.type, progress: 0, status: 'uploading', abort: new AbortController(),
      previewUrl: file.type.startsWith('image/') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined,
    };
    this.list.push(up);
    this.host.changed();
    const api = this.s.api;
    if (!api) return;
    api.upload(file, (f) => { up.progress = f; this.host.progressed(); }, up.abort!.signal).then(
      (att) => { up.attachment = att; up.status = 'done'; up.progress = 1; this.s.log('attachment.uploaded', { id: att.id }); this.host.changed(); },
      (err) => {
        if (!this.list.includes(up)) return;
        up.status = 'error';
        this.host.toast(fmt(t.uploadFailed, { name: file.name }));
        this.s.emitError(err);
        this.host.changed();
      },
    );
  }

  remove(up: PendingUpload) {
    this.list = this.list.filter((u) => u !== up);
    up.abort?.abort();
    if (up.previewUrl?.startsWith('blob:')) URL.revokeObjectURL(up.previewUrl);
    if (up.attachment && this.s.api) this.s.api.request('attachments.delete', { attachment_id: up.attachment.id }).catch(() => {});
    this.host.changed();
    this.host.focusEditor();
  }

  /** Forgets the uploads once their message is sent (the attachments now belong to it). */
  clear() {
    for (const u of this.list) if (u.previewUrl?.startsWith('blob:')) URL.revokeObjectURL(u.previewUrl);
    this.list = [];
  }

  render() {
    const row = this.row;
    row.textContent = '';
    row.hidden = !this.list.length;
    for (const up of this.list) {
      const chip = h('div', { class: `ck-upload ck-upload-${up.status}`, title: up.name });
      if (up.previewUrl && isLoadableImage(up.previewUrl, this.s.imagePolicy)) chip.append(h('img', { src: up.previewUrl, alt: up.name }));
      else chip.append(icon('document', 18), h('span', { class: 'ck-att-name', text: up.name }));
      if (up.status === 'uploading') {
        const bar = h('div', { class: 'ck-upload-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(up.progress * 100)) });
        bar.append(h('div', { class: 'ck-upload-bar' }));
        (bar.firstChild as HTMLElement).style.width = `${Math.round(up.progress * 100)}%`;
        chip.append(bar);
      }
      chip.append(iconButton('close', `${this.s.t.removeAttachment}: ${up.name}`, () => this.remove(up), 'ck-upload-remove'));
      row.append(chip);
    }
  }
}

export function mimeMatches(pattern: string, mime: string): boolean {
  if (pattern === '*' || pattern === '' || pattern === '*/*') return true;
  if (pattern.endsWith('/*')) return mime.startsWith(pattern.slice(0, -1));
  return pattern.toLowerCase() === mime.toLowerCase();
}

export function maxSizeFor(file: { type: string }, maxSize: number | Record<string, number> | undefined): number {
  const DEFAULT = 100 * 1024 * 1024;
  if (typeof maxSize === 'number') return maxSize;
  if (!maxSize) return DEFAULT;
  let fallback = DEFAULT;
  for (const [p, v] of Object.entries(maxSize)) {
    if (p === '*' || p === '') { fallback = v; continue; }
    if (mimeMatches(p, file.type)) return v;
  }
  return fallback;
}

export function fileAccepted(file: { name: string; type: string }, accept: Record<string, string[]> | undefined): boolean {
  if (!accept || !Object.keys(accept).length) return true;
  const name = file.name.toLowerCase();
  for (const [mime, exts] of Object.entries(accept)) {
    if (file.type && mimeMatches(mime, file.type)) return true;
    if ((exts ?? []).some((e) => name.endsWith(e.toLowerCase()))) return true;
  }
  return false;
}
