// Bundle entry: registers <openai-chatkit>.
import { OpenAIChatKitElement } from './element';

if (typeof customElements !== 'undefined' && !customElements.get('openai-chatkit')) {
  customElements.define('openai-chatkit', OpenAIChatKitElement);
}

export { OpenAIChatKitElement };
