// @vitest-environment jsdom
// The integration's custom fetch (and the headers it adds) must only ever reach the API's own origin.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatKitApi } from '../src/api';

const attachment = (url: string) => ({
  id: 'atc_1', name: 'a.png', mime_type: 'image/png', type: 'image', preview_url: url,
  upload_descriptor: { url, method: 'POST', headers: { 'X-Upload-Token': 't' } },
});

function api(uploadUrl: string) {
  const custom = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = { ...(init?.headers as Record<string, string>), Authorization: 'Bearer secret-of-the-app' };
    if (typeof init?.body === 'string') return new Response(JSON.stringify(attachment(uploadUrl)), { headers: { 'Content-Type': 'application/json' } });
    return new Response(JSON.stringify({ input: String(input), headers }), { status: 200 });
  });
  const client = new ChatKitApi({ url: '/chatkit', domainKey: 'dk', fetch: custom as typeof fetch, uploadStrategy: { type: 'two_phase' } }, () => 'en');
  return { client, custom };
}

const file = () => new File([new Uint8Array(4)], 'a.png', { type: 'image/png' });

describe('custom fetch and headers stay on the API origin', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an upload descriptor on another host gets neither the custom fetch nor the domain key', async () => {
    const { client, custom } = api('https://evil.example/upload/atc_1');
    const plain = vi.fn(async () => new Response('', { status: 200 }));
    vi.stubGlobal('XMLHttpRequest', undefined);
    vi.stubGlobal('fetch', plain);

    await client.upload(file());

    expect(custom).toHaveBeenCalledTimes(1); // attachments.create only
    expect(custom.mock.calls.every(([u]) => String(u) === '/chatkit')).toBe(true);
    expect(plain).toHaveBeenCalledTimes(1);
    const [url, init] = plain.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://evil.example/upload/atc_1');
    expect(init.headers).toEqual({ 'X-Upload-Token': 't' });
  });

  it('an upload descriptor on the API origin goes through the custom fetch with its headers', async () => {
    const { client, custom } = api(`${location.origin}/chatkit/upload/atc_1`);
    const plain = vi.fn();
    vi.stubGlobal('fetch', plain);

    await client.upload(file());

    expect(plain).not.toHaveBeenCalled();
    expect(custom).toHaveBeenCalledTimes(2);
    const [url, init] = custom.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe(`${location.origin}/chatkit/upload/atc_1`);
    expect(init.headers).toMatchObject({ 'X-Upload-Token': 't', 'X-ChatKit-Domain-Key': 'dk' });
  });

  it('a look-alike host is another origin', async () => {
    const { client, custom } = api(`${location.origin}.evil.example/upload/atc_1`);
    vi.stubGlobal('XMLHttpRequest', undefined);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 200 })));

    await client.upload(file());

    expect(custom).toHaveBeenCalledTimes(1);
  });
});
