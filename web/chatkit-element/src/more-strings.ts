// UI strings this part of the element added after the locale tables: read from the active table when it has
// them (the tables in i18n.ts may add these keys), English otherwise.
import type { Strings } from './i18n';

const extra = {
  responseInProgress: 'A response is still streaming. Wait for it to finish, or stop it, before sending another.',
  stopDictation: 'Stop dictation',
  recording: 'Recording…',
  transcribing: 'Transcribing…',
  dictationFailed: 'Dictation failed: {reason}',
  loadingOlder: 'Loading earlier messages…',
};

export type ExtraString = keyof typeof extra;

export function str(t: Strings, key: ExtraString): string {
  const v = (t as unknown as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : extra[key];
}
