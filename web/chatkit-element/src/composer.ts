// The composer: the message field with @-mentions and "/" commands, tool and model choice, dictation,
// attachments, the reply banner and the send/stop button.
import { iconButton } from './controls';
import { Dictation } from './dictation';
import { ToolMenu } from './tool-menu';
import { h } from './dom';
import { EditorField } from './editor';
import { icon, iconSvg } from './icons';
import { renderMarkdown } from './markdown';
import { Mentions } from './mentions';
import type { Session } from './session';
import type { StreamController } from './stream';
import type { Attachment, Dict, UserContent } from './types';
import { Uploads } from './uploads';

export interface ComposerParts {
  app: HTMLElement; composer: HTMLFormElement; editor: HTMLElement; attachRow: HTMLElement; reply: HTMLElement;
  toolbar: HTMLElement; sendBtn: HTMLButtonElement; fileInput: HTMLInputElement; disclaimer: HTMLElement;
  mentionMenu: HTMLElement; banner: HTMLElement; dropHint: HTMLElement;
}

export interface ComposerValue {
  text?: string; content?: UserContent[]; reply?: string; attachments?: Attachment[]; files?: File[];
  selectedToolId?: string | null; selectedModelId?: string;
}

export class Composer {
  private selectedTool: string | null = null;
  private selectedModel: string | null = null;
  private replyText: string | null = null;
  private lastSig = '';
  readonly editor: EditorField;
  private readonly mentions: Mentions;
  private readonly uploads: Uploads;
  private readonly dictation: Dictation;
  private readonly toolMenu: ToolMenu;

  constructor(
    private readonly s: Session,
    private readonly stream: StreamController,
    private readonly parts: ComposerParts,
    root: ShadowRoot,
    private readonly host: { toast(message: string): void },
  ) {
    this.editor = new EditorField(parts.editor, root);
    this.uploads = new Uploads(s, parts.attachRow, {
      toast: (m) => host.toast(m),
      changed: () => this.render(),
      progressed: () => { this.uploads.render(); this.updateSendState(); },
      focusEditor: () => parts.editor.focus(),
    });
    this.mentions = new Mentions(s, this.editor, parts.mentionMenu, {
      attachmentsEnabled: () => this.uploads.enabled,
      openFilePicker: () => parts.fileInput.click(),
      setTool: (id) => this.setTool(id),
      contentChanged: () => this.updateSendState(),
    });
    this.dictation = new Dictation(s, { insertText: (text) => this.insertText(text), toast: (m) => host.toast(m), changed: () => this.render() });
    this.toolMenu = new ToolMenu(s.t.tools, (id) => { this.setTool(id); parts.editor.focus(); });
    this.wire();
  }

  /** The inference options the composer's tool and model choice add to a message. */
  inference(): Dict {
    const inference: Dict = {};
    if (this.selectedTool) inference.tool_choice = { id: this.selectedTool };
    if (this.selectedModel) inference.model = this.selectedModel;
    return inference;
  }

  /** Keeps the tool and model selections the new options still offer. */
  optionsChanged() {
    const models: any[] = this.s.opts.composer?.models ?? [];
    if (!models.some((m) => m.id === this.selectedModel)) this.selectedModel = models.find((m) => m.default)?.id ?? models[0]?.id ?? null;
    const tools: any[] = this.s.opts.composer?.tools ?? [];
    if (this.selectedTool && !tools.some((t) => t.id === this.selectedTool)) this.setTool(null);
  }

  focus() {
    this.parts.editor.focus();
    this.editor.placeCaretAtEnd();
  }

  isEmpty(): boolean {
    return this.editor.readContent().length === 0;
  }

  restore(content: UserContent[]) {
    this.setContent(content);
  }

  setValue(params: ComposerValue) {
    if (params.content) this.setContent(params.content);
    else if (params.text != null) this.setContent([{ type: 'input_text', text: params.text }]);
    if (params.reply !== undefined) this.replyText = params.reply || null;
    if (params.attachments) for (const a of params.attachments) this.uploads.addAttachment(a);
    if (params.files) for (const f of params.files) this.uploads.add(f);
    if (params.selectedToolId !== undefined) this.setTool(params.selectedToolId);
    if (params.selectedModelId !== undefined) this.selectedModel = params.selectedModelId;
    this.render();
  }

  private setContent(content: UserContent[]) {
    this.editor.setContent(content);
    this.updateSendState();
  }

  private wire() {
    const { composer, editor, fileInput, app, dropHint, mentionMenu } = this.parts;
    composer.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.stream.isStreaming) {
        if (this.s.state.streamOptions?.allow_cancel !== false) {
          this.s.log('stream.cancel');
          void this.stream.stop();
        }
        return;
      }
      void this.send();
    });
    editor.addEventListener('keydown', (e) => {
      if (this.mentions.onKeydown(e)) return;
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (!this.stream.isStreaming) void this.send();
      } else if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        document.execCommand('insertLineBreak');
      }
    });
    editor.addEventListener('input', () => {
      this.editor.normalize();
      this.updateSendState();
      void this.mentions.check();
    });
    editor.addEventListener('blur', () => setTimeout(() => { if (!mentionMenu.matches(':hover')) this.mentions.close(); }, 150));
    editor.addEventListener('paste', (e) => {
      const dt = e.clipboardData;
      if (!dt) return;
      const files = Array.from(dt.files ?? []);
      if (files.length && this.uploads.enabled) {
        e.preventDefault();
        for (const f of files) this.uploads.add(f);
        return;
      }
      const text = dt.getData('text/plain');
      e.preventDefault();
      if (text) document.execCommand('insertText', false, text);
    });
    fileInput.addEventListener('change', () => {
      for (const f of Array.from(fileInput.files ?? [])) this.uploads.add(f);
      fileInput.value = '';
    });
    let dragDepth = 0;
    app.addEventListener('dragenter', (e) => {
      if (!this.uploads.enabled || !e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      dragDepth++;
      dropHint.hidden = false;
    });
    app.addEventListener('dragover', (e) => { if (this.uploads.enabled && e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
    app.addEventListener('dragleave', () => { dragDepth = Math.max(0, dragDepth - 1); if (!dragDepth) dropHint.hidden = true; });
    app.addEventListener('drop', (e) => {
      dragDepth = 0;
      dropHint.hidden = true;
      if (!this.uploads.enabled || !e.dataTransfer?.files.length) return;
      e.preventDefault();
      for (const f of Array.from(e.dataTransfer.files)) this.uploads.add(f);
    });
  }

  private async send() {
    if (this.stream.isStreaming) return;
    if (this.uploads.busy) return;
    const content = this.editor.readContent();
    const attachments = this.uploads.finished;
    if (!content.length && !attachments.length) return;
    const inference = this.inference();
    const reply = this.replyText;
    // Clear the composer before streaming so the user can keep typing.
    this.setContent([]);
    this.uploads.clear();
    this.replyText = null;
    const tool = (this.s.opts.composer?.tools ?? []).find((t: any) => t.id === this.selectedTool);
    if (tool && !tool.persistent) this.setTool(null);
    this.render();
    await this.stream.submit(content, attachments, reply, inference);
  }

  /** Renders again when something the composer shows changed (or always, when the options changed), so
   * that streaming does not steal focus from (or close) its controls. */
  renderIfChanged(optionsChanged: boolean) {
    const sig = JSON.stringify([this.s.state.thread?.status ?? null, this.selectedTool, this.selectedModel, this.replyText, this.uploads.list.map((u) => [u.localId, u.status])]);
    if (optionsChanged || sig !== this.lastSig) { this.lastSig = sig; this.render(); }
    else this.updateSendState();
  }

  render() {
    const s = this.s;
    const t = s.t;
    const cfg = s.opts.composer ?? {};
    const { editor, toolbar, fileInput, banner, composer, disclaimer, reply } = this.parts;
    const status = s.state.thread?.status;
    const closed = status?.type === 'closed';
    const locked = status?.type === 'locked';
    banner.hidden = !closed;
    banner.textContent = closed ? status?.reason ?? t.threadClosed : '';
    composer.hidden = closed;
    const tool = (cfg.tools ?? []).find((x: any) => x.id === this.selectedTool);
    const placeholder = locked ? status?.reason ?? t.threadLocked : tool?.placeholderOverride ?? cfg.placeholder ?? t.placeholder;
    editor.setAttribute('data-placeholder', placeholder);
    editor.setAttribute('aria-label', placeholder);
    editor.setAttribute('contenteditable', locked ? 'false' : 'true');
    composer.classList.toggle('ck-disabled', !!locked);
    // Reply banner
    reply.textContent = '';
    reply.hidden = !this.replyText;
    if (this.replyText) {
      reply.append(h('span', { class: 'ck-reply-text', text: this.replyText }), iconButton('close', t.cancel, () => { this.replyText = null; this.render(); }));
    }
    this.uploads.render();
    // Toolbar. Redrawing it must not lose the keyboard focus of one of its controls.
    const active = (toolbar.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
    const focused = active && toolbar.contains(active) ? active : null;
    const focusKey = focused?.closest<HTMLElement>('[data-focus-key]')?.dataset.focusKey;
    toolbar.textContent = '';
    const leftTools = h('div', { class: 'ck-toolbar-left' });
    if (this.uploads.enabled) {
      const acc = cfg.attachments?.accept;
      fileInput.accept = acc ? Object.entries(acc).flatMap(([m, exts]) => [m, ...((exts as string[]) ?? [])]).join(',') : '';
      leftTools.append(keyed(iconButton('plus', t.attach, () => fileInput.click(), 'ck-icon-btn ck-attach-btn'), 'attach'));
    }
    if (s.opts.entities?.onTagSearch && s.opts.entities?.showComposerMenu) {
      leftTools.append(keyed(iconButton('at', t.mentions, () => { editor.focus(); this.editor.placeCaretAtEnd(); document.execCommand('insertText', false, ' @'); }, 'ck-icon-btn'), 'mention'));
    }
    const tools: any[] = cfg.tools ?? [];
    for (const x of tools.filter((x) => x.pinned)) leftTools.append(this.toolToggle(x));
    const unpinned = tools.filter((x) => !x.pinned);
    if (unpinned.length) {
      this.toolMenu.update(unpinned, this.selectedTool, t.tools);
      leftTools.append(this.toolMenu.root);
    }
    if (tool && !tool.pinned) {
      leftTools.append(h('span', { class: 'ck-chip ck-tool-chip' }, icon(tool.icon, 12), tool.shortLabel ?? tool.label, iconButton('close', t.clear, () => this.setTool(null), 'ck-chip-close')));
    }
    const right = h('div', { class: 'ck-toolbar-right' });
    const models: any[] = cfg.models ?? [];
    if (models.length) {
      const sel = keyed(h('select', { class: 'ck-select ck-model-select', 'aria-label': t.model }) as HTMLSelectElement, 'model');
      for (const m of models) {
        const o = h('option', { value: m.id, text: m.label, title: m.description }) as HTMLOptionElement;
        if (m.disabled) o.disabled = true;
        if (m.id === this.selectedModel) o.selected = true;
        sel.append(o);
      }
      sel.addEventListener('change', () => { this.selectedModel = sel.value; s.log('model.change', { modelId: sel.value }); });
      right.append(sel);
    }
    if (cfg.dictation?.enabled && typeof MediaRecorder !== 'undefined') right.append(...this.dictation.controls());
    right.append(this.parts.sendBtn);
    toolbar.append(leftTools, right);
    if (focused) (focused.isConnected ? focused : toolbar.querySelector<HTMLElement>(`[data-focus-key="${focusKey}"]`))?.focus();
    // Disclaimer
    const disc = s.opts.disclaimer;
    disclaimer.textContent = '';
    disclaimer.hidden = !disc?.text;
    disclaimer.classList.toggle('ck-high-contrast', !!disc?.highContrast);
    if (disc?.text) renderMarkdown(disclaimer, disc.text);
    this.updateSendState();
  }

  private insertText(text: string) {
    this.parts.editor.focus();
    this.editor.placeCaretAtEnd();
    document.execCommand('insertText', false, text);
  }

  private toolToggle(x: any): HTMLElement {
    const on = this.selectedTool === x.id;
    const b = h('button', { type: 'button', class: 'ck-tool-toggle' + (on ? ' ck-on' : ''), 'aria-pressed': String(on), title: x.label }, icon(x.icon, 14), h('span', { text: x.shortLabel ?? x.label }));
    b.addEventListener('click', () => this.setTool(on ? null : x.id));
    return keyed(b, `tool:${x.id}`);
  }

  setTool(id: string | null) {
    if (this.selectedTool === id) return;
    this.selectedTool = id;
    this.s.emit('chatkit.tool.change', { toolId: id });
    this.render();
  }

  updateSendState() {
    const t = this.s.t;
    const b = this.parts.sendBtn;
    const streaming = this.stream.isStreaming;
    // The icon and label change only when the mode does (not on every streamed delta).
    const mode = `${streaming ? 'stop' : 'send'}|${t.send}`;
    if (b.dataset.mode !== mode) {
      b.dataset.mode = mode;
      b.innerHTML = streaming ? iconSvg('stop', 16) : iconSvg('arrow-up', 18);
      b.setAttribute('aria-label', streaming ? t.stop : t.send);
      b.title = streaming ? t.stop : t.send;
      b.classList.toggle('ck-stop', streaming);
    }
    if (streaming) {
      b.disabled = this.s.state.streamOptions?.allow_cancel === false;
      return;
    }
    const hasContent = this.editor.hasContent() || this.uploads.list.some((u) => u.status === 'done');
    b.disabled = !hasContent || this.uploads.busy || this.s.state.thread?.status?.type === 'locked';
  }

}

function keyed<T extends HTMLElement>(el: T, key: string): T {
  el.dataset.focusKey = key;
  return el;
}
