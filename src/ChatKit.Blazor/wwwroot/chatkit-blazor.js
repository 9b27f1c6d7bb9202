// Interop between the ChatKit Blazor component and the <openai-chatkit> element. Loaded by the component with
// import(); every value crossing to .NET travels as a JSON string whose shape the C# side defines.

const scriptLoads = new Map();

/** Adds the element's script once per page, and waits until <openai-chatkit> is defined. */
function loadElement(scriptUrl) {
  if (customElements.get('openai-chatkit')) return Promise.resolve();
  let loading = scriptLoads.get(scriptUrl);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = scriptUrl;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        // Forget the failure so a later component can try again.
        scriptLoads.delete(scriptUrl);
        script.remove();
        reject(new Error(`ChatKit: could not load the element script from ${scriptUrl}`));
      };
      document.head.append(script);
    }).then(() => customElements.whenDefined('openai-chatkit'));
    scriptLoads.set(scriptUrl, loading);
  }
  return loading;
}

const METHODS = new Set(['focusComposer', 'setThreadId', 'sendUserMessage', 'setComposerValue', 'fetchUpdates',
  'sendCustomAction', 'showHistory', 'hideHistory']);

/** Error details hold Error objects, which JSON.stringify turns into {}. */
function eventDetail(name, detail) {
  if (name === 'chatkit.error') {
    const e = detail?.error;
    return { message: String(e?.message ?? e ?? 'Unknown error'), name: e?.name };
  }
  return detail;
}

class ChatKitBinding {
  constructor(element, dotnet) {
    this.element = element;
    this.dotnet = dotnet;
    this.listeners = new Map();
    // .NET receives events one at a time, in the order the element dispatched them.
    this.queue = Promise.resolve();
  }

  /** Listens to exactly the chatkit.* events the component has callbacks for (chatkit.log is chatty). */
  subscribe(names) {
    const wanted = new Set(names);
    for (const [name, listener] of this.listeners) {
      if (!wanted.has(name)) {
        this.element.removeEventListener(name, listener);
        this.listeners.delete(name);
      }
    }
    for (const name of wanted) {
      if (this.listeners.has(name)) continue;
      const listener = (e) => this.forward(name, eventDetail(name, e.detail));
      this.element.addEventListener(name, listener);
      this.listeners.set(name, listener);
    }
  }

  forward(name, detail) {
    const json = detail === undefined ? null : JSON.stringify(detail);
    this.queue = this.queue
      .then(() => this.dotnet?.invokeMethodAsync('OnElementEvent', name, json))
      .catch((e) => console.error('ChatKit: delivering', name, 'to .NET failed', e));
  }

  /** Runs a C# handler and returns its JSON value, or throws its error message. */
  async handle(handler, value) {
    if (!this.dotnet) throw new Error('ChatKit: the component was disposed');
    const json = await this.dotnet.invokeMethodAsync('InvokeHandler', handler, JSON.stringify(value ?? null));
    const result = JSON.parse(json);
    if (result.error != null) throw new Error(result.error);
    return result.value ?? null;
  }

  /** Fire-and-forget handlers (the element does not await them): report failures instead of leaving them unhandled. */
  notify(handler, value) {
    this.handle(handler, value).catch((e) => console.error(`ChatKit: ${handler} handler failed`, e));
  }

  options(json, handlers) {
    const o = JSON.parse(json);
    const has = new Set(handlers);
    const headers = o.api?.headers;
    if (headers) {
      delete o.api.headers;
      o.api.fetch = (input, init = {}) => {
        const merged = new Headers(init.headers);
        for (const [k, v] of Object.entries(headers)) merged.set(k, v);
        return fetch(input, { ...init, headers: merged });
      };
    }
    if (has.has('clientTool')) o.onClientTool = (call) => this.handle('clientTool', call);
    if (has.has('widgetAction')) {
      o.widgets = {
        ...o.widgets,
        onAction: async (action, item) => { await this.handle('widgetAction', { action, itemId: item?.id, widget: item?.widget ?? null }); },
      };
    }
    if (has.has('tagSearch') || has.has('entityClick') || has.has('entityPreview')) {
      o.entities = { ...o.entities };
      if (has.has('tagSearch')) o.entities.onTagSearch = (query) => this.handle('tagSearch', query);
      if (has.has('entityClick')) o.entities.onClick = (entity) => this.notify('entityClick', entity);
      if (has.has('entityPreview')) o.entities.onRequestPreview = (entity) => this.handle('entityPreview', entity);
    }
    if (has.has('commandSearch') || has.has('commandSelect')) {
      o.commands = { enabled: false, ...o.commands };
      if (has.has('commandSearch')) o.commands.onSearch = (query) => this.handle('commandSearch', query);
      if (has.has('commandSelect')) o.commands.onSelect = (command) => this.handle('commandSelect', command);
    }
    if (o.header?.leftAction && has.has('headerLeft')) o.header.leftAction.onClick = () => this.notify('headerLeft', null);
    if (o.header?.rightAction && has.has('headerRight')) o.header.rightAction.onClick = () => this.notify('headerRight', null);
    return o;
  }

  /** Applies new options in place: setOptions keeps the element's thread. */
  setOptions(json, handlers, events) {
    this.subscribe(events);
    this.element.setOptions(this.options(json, handlers));
  }

  async invoke(method, argsJson) {
    if (!METHODS.has(method)) throw new Error(`ChatKit: unknown method ${method}`);
    await this.element[method](...JSON.parse(argsJson));
  }

  dispose() {
    for (const [name, listener] of this.listeners) this.element.removeEventListener(name, listener);
    this.listeners.clear();
    this.dotnet = null;
  }
}

export async function create(element, dotnet, scriptUrl, optionsJson, handlers, events) {
  await loadElement(scriptUrl);
  const binding = new ChatKitBinding(element, dotnet);
  // Listen before setOptions: it announces chatkit.ready and the first thread shortly after.
  binding.setOptions(optionsJson, handlers, events);
  return binding;
}
