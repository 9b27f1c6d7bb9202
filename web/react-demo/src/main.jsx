// The React flavour of the demo: @openai/chatkit-react 1.6.1, used exactly as its README
// shows, rendering our <openai-chatkit> element (loaded from /chatkit/chatkit.js).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatKit, useChatKit } from '@openai/chatkit-react';

// Observable state for people and browser tests.
const demo = (window.demo = { events: [], reactHandlers: {}, toolCalls: [], clientActions: [] });
const record = (name, handler) => (detail) => {
  demo.events.push({ name, detail });
  demo.reactHandlers[handler] = (demo.reactHandlers[handler] ?? 0) + 1;
};

function App() {
  const [dark, setDark] = useState(false);
  const chatkit = useChatKit({
    api: { url: '/chatkit', domainKey: 'local-dev', uploadStrategy: { type: 'direct', uploadUrl: '/chatkit/upload' } },
    theme: { colorScheme: dark ? 'dark' : 'light', radius: 'round', color: { accent: { primary: dark ? '#8ab4ff' : '#3b5bdb', level: 1 } } },
    header: { title: { text: 'React demo' } },
    history: { enabled: true },
    startScreen: {
      greeting: 'Hello from React!',
      prompts: [
        { label: 'Say hi', prompt: 'Hi there', icon: 'sparkle' },
        { label: 'Show a widget', prompt: 'Show me a widget', icon: 'square-code' },
      ],
    },
    composer: { placeholder: 'Message the demo assistant', attachments: { enabled: true } },
    threadItemActions: { feedback: true, retry: true },
    widgets: {
      async onAction(action, item) {
        demo.clientActions.push({ action, itemId: item.id });
      },
    },
    onClientTool: async ({ name, params }) => {
      demo.toolCalls.push({ name, params });
      if (name === 'get_browser_info') return { userAgent: navigator.userAgent, language: navigator.language };
      throw new Error(`Unknown client tool ${name}`);
    },
    onReady: record('chatkit.ready', 'onReady'),
    onError: ({ error }) => record('chatkit.error', 'onError')({ error: String(error?.message ?? error) }),
    onResponseStart: record('chatkit.response.start', 'onResponseStart'),
    onResponseEnd: record('chatkit.response.end', 'onResponseEnd'),
    onThreadChange: record('chatkit.thread.change', 'onThreadChange'),
    onThreadLoadStart: record('chatkit.thread.load.start', 'onThreadLoadStart'),
    onThreadLoadEnd: record('chatkit.thread.load.end', 'onThreadLoadEnd'),
    onToolChange: record('chatkit.tool.change', 'onToolChange'),
    onEffect: record('chatkit.effect', 'onEffect'),
    onLog: record('chatkit.log', 'onLog'),
  });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 20px' }}>
        <strong style={{ flex: 1 }}>ChatKit for .NET — React demo (@openai/chatkit-react)</strong>
        <a href="/" style={{ color: 'inherit' }}>Plain HTML version</a>
        <button type="button" id="theme-toggle" onClick={() => { setDark(!dark); document.body.classList.toggle('dark', !dark); }}>
          {dark ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" id="focus" onClick={() => chatkit.focusComposer()}>Focus composer</button>
      </div>
      <div style={{ flex: 1, minHeight: 0, padding: '0 20px 20px' }}>
        <ChatKit control={chatkit.control} id="chatkit" style={{ display: 'block', height: '100%', borderRadius: 20, overflow: 'hidden', border: '1px solid #e3e3e6' }} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
