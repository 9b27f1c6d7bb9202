// Wire types of the ChatKit protocol (see docs/protocol.md). Kept loose on
// purpose: the server may add fields, and free-form values stay `unknown`.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Dict = Record<string, any>;

export interface ThreadStatus { type: 'active' | 'locked' | 'closed'; reason?: string }

export interface Thread {
  id: string;
  title?: string;
  created_at: string;
  status?: ThreadStatus;
  allowed_image_domains?: string[];
  metadata?: Dict;
  items?: Page<ThreadItem>;
}

export interface Page<T> { data: T[]; has_more: boolean; after?: string }

export interface Source {
  type: 'url' | 'file' | 'entity';
  title: string;
  description?: string;
  timestamp?: string;
  group?: string;
  url?: string;
  attribution?: string;
  filename?: string;
  id?: string;
  icon?: string;
  label?: string;
  inline_label?: string;
  interactive?: boolean;
  data?: Dict;
}

export interface Annotation { type: 'annotation'; source: Source; index?: number }
export interface OutputText { type: 'output_text'; text: string; annotations: Annotation[] }

export interface Attachment {
  id: string;
  name: string;
  mime_type: string;
  type: 'file' | 'image';
  preview_url?: string;
  upload_descriptor?: { url: string; method: 'POST' | 'PUT'; headers?: Record<string, string> };
  thread_id?: string;
}

export type UserContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_tag'; id: string; text: string; data?: Dict; group?: string | null; interactive?: boolean };

export interface Task {
  type: 'custom' | 'web_search' | 'thought' | 'file' | 'image' | string;
  status_indicator?: 'none' | 'loading' | 'complete';
  title?: string;
  icon?: string;
  content?: string;
  title_query?: string;
  queries?: string[];
  sources?: Source[];
}

export interface Workflow {
  type: 'custom' | 'reasoning';
  tasks: Task[];
  summary?: { title: string; icon?: string } | { duration: number };
  expanded?: boolean;
}

export interface StructuredInput {
  id: string;
  question: string;
  type: 'multiple_choice' | 'freeform';
  options?: { value: string }[];
  multiple?: boolean;
  description?: string;
  answer?: { values: string[]; skipped: boolean };
}

export interface ThreadItem {
  id: string;
  thread_id: string;
  created_at: string;
  type: string;
  // user_message
  content?: any[];
  attachments?: Attachment[];
  quoted_text?: string;
  inference_options?: { tool_choice?: { id: string } | null; model?: string | null };
  // client_tool_call
  status?: string;
  call_id?: string;
  name?: string;
  arguments?: Dict;
  output?: unknown;
  // widget
  widget?: WidgetNode;
  copy_text?: string;
  // generated_image
  image?: { id: string; url: string };
  progress?: number;
  // structured_input
  inputs?: StructuredInput[];
  // workflow / task
  workflow?: Workflow;
  task?: Task;
  [k: string]: any;
}

export interface WidgetNode { type: string; id?: string; key?: string; children?: any; [k: string]: any }

export type ItemUpdate =
  | { type: 'assistant_message.content_part.added'; content_index: number; content: OutputText }
  | { type: 'assistant_message.content_part.text_delta'; content_index: number; delta: string }
  | { type: 'assistant_message.content_part.annotation_added'; content_index: number; annotation_index: number; annotation: Annotation }
  | { type: 'assistant_message.content_part.done'; content_index: number; content: OutputText }
  | { type: 'widget.streaming_text.value_delta'; component_id: string; delta: string; done: boolean }
  | { type: 'widget.component.updated'; component_id: string; component: WidgetNode }
  | { type: 'widget.root.updated'; widget: WidgetNode }
  | { type: 'workflow.task.added'; task_index: number; task: Task }
  | { type: 'workflow.task.updated'; task_index: number; task: Task }
  | { type: 'generated_image.updated'; image: { id: string; url: string }; progress?: number };

export type StreamEvent =
  | { type: 'thread.created'; thread: Thread }
  | { type: 'thread.updated'; thread: Thread }
  | { type: 'thread.item.added'; item: ThreadItem }
  | { type: 'thread.item.updated'; item_id: string; update: ItemUpdate }
  | { type: 'thread.item.done'; item: ThreadItem }
  | { type: 'thread.item.removed'; item_id: string }
  | { type: 'thread.item.replaced'; item: ThreadItem }
  | { type: 'stream_options'; stream_options: { allow_cancel: boolean } }
  | { type: 'progress_update'; icon?: string; text: string }
  | { type: 'client_effect'; name: string; data?: Dict }
  | { type: 'error'; code: string; message?: string; allow_retry: boolean }
  | { type: 'notice'; level: 'info' | 'warning' | 'danger'; message: string; title?: string };
