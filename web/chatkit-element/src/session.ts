// The state every part of the element shares: the options, the resolved locale and theme, the API client,
// the conversation state and the current thread. Events are dispatched on the element itself.
import type { ChatKitApi } from './api';
import { stringsFor, type Strings } from './i18n';
import type { ImagePolicy } from './images';
import { initialState, type ChatState } from './reducer';
import type { ResolvedTheme } from './theme';
import type { Dict } from './types';

export type Options = Record<string, any>;

export class Session {
  opts: Options = {};
  hasOptions = false;
  api: ChatKitApi | null = null;
  state: ChatState = initialState();
  threadId: string | null = null;
  /** Bumped whenever the shown thread changes, so answers for an older thread are dropped. */
  loadSeq = 0;
  locale = 'en';
  t: Strings = stringsFor('en');
  theme: ResolvedTheme = { scheme: 'light' };

  constructor(private readonly target: HTMLElement) {}

  emit(name: string, detail: unknown) {
    this.target.dispatchEvent(new CustomEvent(name, { detail, bubbles: false, composed: true }));
  }

  log(name: string, data?: Dict) {
    this.emit('chatkit.log', data ? { name, data } : { name });
  }

  emitError(error: unknown) {
    const err = error instanceof Error ? error : new Error(String(error));
    this.emit('chatkit.error', { error: err });
  }

  get allowedImageDomains(): string[] | undefined {
    return this.state.thread?.allowed_image_domains;
  }

  get imagePolicy(): ImagePolicy {
    return { allowedDomains: this.allowedImageDomains, apiUrl: this.opts.api?.url };
  }
}

let localIds = 0;
/** A client-side id for things the server has not named yet (optimistic messages, uploads). */
export const nextId = (p: string) => `${p}_${Date.now().toString(36)}${(localIds++).toString(36)}`;
