// The composer's dictation: records from the microphone, sends the audio to input.transcribe and types the
// transcript into the field. Its state (idle, recording, transcribing) shows on the button and beside it, and
// a failure (no microphone, permission refused, transcription error) is reported: a chatkit.error event and
// a visible message.
import { iconButton } from './controls';
import { h } from './dom';
import { fmt } from './i18n';
import type { Session } from './session';

type DictationState = 'idle' | 'recording' | 'transcribing';

export interface DictationHost {
  insertText(text: string): void;
  toast(message: string): void;
  /** The state changed: redraw the control. */
  changed(): void;
}

export class Dictation {
  private state: DictationState = 'idle';
  private recorder: MediaRecorder | null = null;

  constructor(private readonly s: Session, private readonly host: DictationHost) {}

  /** The button and, while busy, a status next to it. */
  controls(): HTMLElement[] {
    const t = this.s.t;
    const recording = this.state === 'recording';
    const b = iconButton(recording ? 'stop' : 'mic', recording ? t.stopDictation : t.dictation, () => void this.toggle(), 'ck-icon-btn ck-dictation-btn' + (recording ? ' ck-on' : ''));
    b.setAttribute('aria-pressed', String(recording));
    b.dataset.focusKey = 'dictation';
    b.disabled = this.state === 'transcribing';
    if (this.state === 'idle') return [b];
    const status = h('span', { class: `ck-dictation-status ck-dictation-${this.state}`, role: 'status' },
      h('span', { class: 'ck-rec-dot', 'aria-hidden': 'true' }), recording ? t.recording : t.transcribing);
    return [status, b];
  }

  private set(state: DictationState) {
    this.state = state;
    this.host.changed();
  }

  private fail(error: unknown) {
    const err = error instanceof Error ? error : new Error(String(error));
    this.recorder = null;
    this.set('idle');
    this.s.emitError(err);
    this.host.toast(fmt(this.s.t.dictationFailed, { reason: err.message || err.name }));
  }

  private async toggle() {
    if (this.recorder) { this.recorder.stop(); return; }
    if (this.state !== 'idle') return;
    let stream: MediaStream;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no microphone access in this page');
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      return this.fail(e);
    }
    try {
      const chunks: Blob[] = [];
      const recorder = new MediaRecorder(stream);
      this.recorder = recorder;
      recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
      recorder.onstop = () => {
        stream.getTracks().forEach((tr) => tr.stop());
        this.recorder = null;
        void this.transcribe(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
      };
      recorder.start();
      this.set('recording');
    } catch (e) {
      stream.getTracks().forEach((tr) => tr.stop());
      this.fail(e);
    }
  }

  private async transcribe(blob: Blob) {
    this.set('transcribing');
    try {
      if (!this.s.api) throw new Error('ChatKit: setOptions() must be called first');
      const mime = blob.type || 'audio/webm';
      const res = await this.s.api.request<{ text: string }>('input.transcribe', { audio_base64: await blobToBase64(blob), mime_type: mime });
      this.set('idle');
      if (res?.text) this.host.insertText(res.text);
    } catch (e) {
      this.fail(e);
    }
  }
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}
