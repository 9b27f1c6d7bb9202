// Shadow-DOM stylesheet. Every colour/size goes through a --ck-* custom property so the
// `theme` option (see theme.ts) can override it.
export const STYLES = /* css */ `
:host {
  display: block;
  position: relative;
  height: 100%;
  min-height: 320px;
  contain: content;
  --ck-accent: #2563eb;
  --ck-accent-fg: #ffffff;
  --ck-accent-soft: color-mix(in srgb, var(--ck-accent) 12%, transparent);
  --ck-bg: #ffffff;
  --ck-surface: #ffffff;
  --ck-surface-2: #f5f5f6;
  --ck-surface-3: #ececee;
  --ck-surface-elevated: #ffffff;
  --ck-text: #1f1f23;
  --ck-text-strong: #0b0b0d;
  --ck-text-secondary: #5e5e66;
  --ck-text-tertiary: #6b6b73;
  --ck-border: #e3e3e6;
  --ck-border-subtle: #efeff1;
  --ck-border-strong: #c4c4ca;
  --ck-success: #16a34a;
  --ck-warning: #d97706;
  --ck-danger: #dc2626;
  --ck-info: #2563eb;
  --ck-discovery: #7c3aed;
  --ck-shadow: 0 1px 2px rgb(0 0 0 / 4%), 0 4px 16px rgb(0 0 0 / 6%);
  --ck-radius: 20px;
  --ck-radius-control: 999px;
  --ck-space: 1;
  --ck-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --ck-font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --ck-font-size: 15px;
  color-scheme: light;
}
:host([data-color-scheme="dark"]) {
  --ck-accent: #60a5fa;
  --ck-accent-fg: #0b1220;
  --ck-bg: #17171a;
  --ck-surface: #17171a;
  --ck-surface-2: #222226;
  --ck-surface-3: #2c2c31;
  --ck-surface-elevated: #232327;
  --ck-text: #e9e9ec;
  --ck-text-strong: #ffffff;
  --ck-text-secondary: #a6a6ae;
  --ck-text-tertiary: #8f8f97;
  --ck-border: #34343a;
  --ck-border-subtle: #2a2a2f;
  --ck-border-strong: #4a4a52;
  --ck-success: #4ade80;
  --ck-warning: #fbbf24;
  --ck-danger: #f87171;
  --ck-info: #60a5fa;
  --ck-discovery: #a78bfa;
  --ck-shadow: 0 1px 2px rgb(0 0 0 / 30%), 0 6px 20px rgb(0 0 0 / 35%);
  color-scheme: dark;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.ck-app {
  position: relative; display: flex; flex-direction: column; height: 100%; overflow: hidden;
  background: var(--ck-bg); color: var(--ck-text);
  font-family: var(--ck-font); font-size: var(--ck-font-size); line-height: 1.55;
  -webkit-font-smoothing: antialiased;
}
button { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--ck-accent); outline-offset: 2px; }
.ck-icon { display: block; flex: none; }
.ck-icon-wrap { display: inline-flex; align-items: center; }

/* header */
.ck-header {
  display: flex; align-items: center; gap: 8px; min-height: 52px;
  padding: 8px 12px; border-bottom: 1px solid var(--ck-border-subtle); flex: none;
}
.ck-header-side { display: flex; gap: 4px; min-width: 36px; }
.ck-header-side.ck-right { justify-content: flex-end; }
.ck-title { flex: 1; text-align: center; font-weight: 600; font-size: 0.95em; color: var(--ck-text-strong); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ck-header-btn, .ck-icon-btn {
  display: inline-flex; align-items: center; justify-content: center; gap: 4px;
  width: 36px; height: 36px; padding: 0; border: 0; border-radius: 10px; background: transparent;
  color: var(--ck-text-secondary); cursor: pointer; transition: background .15s, color .15s;
}
.ck-header-btn:hover, .ck-icon-btn:hover { background: var(--ck-surface-2); color: var(--ck-text); }
.ck-icon-btn { width: 30px; height: 30px; border-radius: 8px; }
.ck-icon-btn[aria-pressed="true"] { color: var(--ck-accent); background: var(--ck-accent-soft); }
.ck-icon-btn:disabled { opacity: .35; cursor: default; }

/* thread */
.ck-scroller { flex: 1; overflow-y: auto; overscroll-behavior: contain; scroll-behavior: smooth; overflow-anchor: none; }
.ck-thread { max-width: 760px; margin: 0 auto; padding: calc(var(--ck-space) * 20px) calc(var(--ck-space) * 20px) 12px; display: flex; flex-direction: column; min-height: 100%; }
.ck-empty .ck-thread { justify-content: center; }
.ck-items { display: flex; flex-direction: column; gap: calc(var(--ck-space) * 14px); }
.ck-is-loading .ck-items { opacity: .5; }
.ck-start { text-align: center; padding: 24px 0; }
.ck-greeting { font-size: 1.6em; font-weight: 600; margin: 0 0 24px; letter-spacing: -0.01em; color: var(--ck-text-strong); }
.ck-prompts { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; }
.ck-prompt {
  display: inline-flex; align-items: center; gap: 8px; padding: 9px 14px; border: 1px solid var(--ck-border);
  border-radius: var(--ck-radius-control); background: var(--ck-surface); color: var(--ck-text); cursor: pointer;
  font-size: .93em; transition: background .15s, border-color .15s;
}
.ck-prompt .ck-icon-wrap { color: var(--ck-accent); }
.ck-prompt:hover { background: var(--ck-surface-2); border-color: var(--ck-border-strong); }

/* user message */
.ck-user { display: flex; flex-direction: column; align-items: flex-end; gap: 6px; margin-left: 15%; }
.ck-user-bubble {
  background: var(--ck-surface-2); color: var(--ck-text-strong); padding: 10px 16px; border-radius: 20px 20px 6px 20px;
  white-space: pre-wrap; word-break: break-word; max-width: 100%;
}
.ck-quote { font-size: .88em; color: var(--ck-text-secondary); border-left: 3px solid var(--ck-border-strong); padding: 2px 10px; max-width: 100%; white-space: pre-wrap; }
.ck-user-attachments { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; }
.ck-att-image { margin: 0; width: 120px; height: 120px; border-radius: 14px; overflow: hidden; border: 1px solid var(--ck-border); }
.ck-att-image img { width: 100%; height: 100%; object-fit: cover; display: block; }
.ck-att-file { display: inline-flex; align-items: center; gap: 8px; padding: 8px 12px; border: 1px solid var(--ck-border); border-radius: 12px; background: var(--ck-surface); font-size: .9em; }
.ck-att-name { max-width: 180px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-tag {
  display: inline-flex; align-items: center; padding: 0 6px; margin: 0 1px; border-radius: 6px; border: 0;
  background: var(--ck-accent-soft); color: var(--ck-accent); font-weight: 500; font-size: .95em; line-height: 1.5; white-space: nowrap;
}
button.ck-tag { cursor: pointer; }
button.ck-tag:hover { text-decoration: underline; }

/* assistant message */
.ck-assistant { color: var(--ck-text); word-break: break-word; }
.ck-markdown > :first-child { margin-top: 0; }
.ck-markdown > :last-child { margin-bottom: 0; }
.ck-markdown p { margin: 0 0 .75em; }
.ck-markdown h1, .ck-markdown h2, .ck-markdown h3, .ck-markdown h4 { margin: 1.1em 0 .5em; line-height: 1.3; color: var(--ck-text-strong); }
.ck-markdown h1 { font-size: 1.4em; } .ck-markdown h2 { font-size: 1.25em; } .ck-markdown h3 { font-size: 1.1em; }
.ck-markdown ul, .ck-markdown ol { margin: 0 0 .75em; padding-left: 1.5em; }
.ck-markdown li { margin: .2em 0; }
.ck-markdown a { color: var(--ck-accent); text-decoration: none; }
.ck-markdown a:hover { text-decoration: underline; }
.ck-markdown code { font-family: var(--ck-font-mono); font-size: .88em; background: var(--ck-surface-2); padding: .1em .35em; border-radius: 5px; }
.ck-markdown pre { background: var(--ck-surface-2); border: 1px solid var(--ck-border-subtle); padding: 12px 14px; border-radius: 12px; overflow-x: auto; }
.ck-markdown pre code { background: none; padding: 0; }
.ck-markdown blockquote { margin: 0 0 .75em; padding-left: 12px; border-left: 3px solid var(--ck-border-strong); color: var(--ck-text-secondary); }
.ck-markdown table { border-collapse: collapse; margin: 0 0 .75em; font-size: .93em; }
.ck-markdown th, .ck-markdown td { border: 1px solid var(--ck-border); padding: 6px 10px; text-align: left; }
.ck-markdown img { max-width: 100%; border-radius: 10px; }
.ck-markdown hr { border: 0; border-top: 1px solid var(--ck-border); margin: 1em 0; }
.ck-blocked-image { color: var(--ck-text-tertiary); font-style: italic; }
.ck-streaming > .ck-markdown:last-of-type > :last-child::after {
  content: ""; display: inline-block; width: .55em; height: .55em; margin-left: 4px; border-radius: 50%;
  background: var(--ck-text); vertical-align: middle; animation: ck-pulse 1s ease-in-out infinite;
}
.ck-cite { font-size: .72em; line-height: 0; margin: 0 1px; }
.ck-cite a, .ck-cite span {
  display: inline-flex; align-items: center; justify-content: center; min-width: 1.5em; height: 1.5em; padding: 0 4px;
  border-radius: 999px; background: var(--ck-surface-3); color: var(--ck-text-secondary); text-decoration: none; font-weight: 600;
}
.ck-cite a:hover { background: var(--ck-accent-soft); color: var(--ck-accent); }
.ck-sources { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.ck-source-link {
  display: inline-flex; align-items: center; gap: 6px; max-width: 280px; padding: 4px 10px 4px 4px; border: 1px solid var(--ck-border);
  border-radius: 999px; font-size: .82em; color: var(--ck-text); text-decoration: none; background: var(--ck-surface);
}
button.ck-source-link { cursor: pointer; }
a.ck-source-link:hover, button.ck-source-link:hover { background: var(--ck-surface-2); }
.ck-source-num { display: inline-flex; align-items: center; justify-content: center; width: 1.6em; height: 1.6em; border-radius: 50%; background: var(--ck-surface-3); font-weight: 600; font-size: .9em; }
.ck-source-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-source-host { color: var(--ck-text-tertiary); white-space: nowrap; }
.ck-msg-actions { display: flex; gap: 2px; margin-top: 6px; margin-left: -6px; }

/* workflow / tasks */
.ck-workflow { border-radius: 14px; }
.ck-workflow-summary {
  display: inline-flex; align-items: center; gap: 8px; cursor: pointer; list-style: none; color: var(--ck-text-secondary);
  font-size: .92em; padding: 4px 10px 4px 4px; border-radius: 8px; user-select: none;
}
.ck-workflow-summary::-webkit-details-marker { display: none; }
.ck-workflow-summary:hover { color: var(--ck-text); }
.ck-workflow-summary .ck-icon-wrap:last-child { transition: transform .15s; }
.ck-workflow[open] .ck-workflow-summary .ck-icon-wrap:last-child { transform: rotate(180deg); }
.ck-workflow-tasks { margin: 6px 0 0 11px; padding-left: 16px; border-left: 2px solid var(--ck-border-subtle); display: flex; flex-direction: column; gap: 8px; }
.ck-task { display: flex; gap: 10px; font-size: .92em; color: var(--ck-text-secondary); }
.ck-task-indicator { display: inline-flex; align-items: flex-start; padding-top: 4px; color: var(--ck-text-tertiary); }
.ck-task[data-status="complete"] .ck-task-indicator { color: var(--ck-success); }
.ck-task-main { flex: 1; min-width: 0; }
.ck-task-title { color: var(--ck-text); font-weight: 500; }
.ck-task-content { margin-top: 2px; }
.ck-task-standalone { padding: 8px 12px; border: 1px solid var(--ck-border-subtle); border-radius: 12px; }
.ck-chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.ck-chip { display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; border-radius: 999px; background: var(--ck-surface-2); font-size: .85em; color: var(--ck-text-secondary); }
.ck-spinner { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--ck-border); border-top-color: var(--ck-accent); animation: ck-spin .8s linear infinite; flex: none; }

/* progress, tool calls, notices, errors */
.ck-tail { display: flex; flex-direction: column; gap: 10px; margin-top: 14px; }
.ck-tail:empty { display: none; }
.ck-progress, .ck-tool-call { display: inline-flex; align-items: center; gap: 8px; color: var(--ck-text-secondary); font-size: .92em; }
.ck-shimmer span { background: linear-gradient(90deg, var(--ck-text-tertiary) 0%, var(--ck-text) 50%, var(--ck-text-tertiary) 100%); background-size: 200% 100%; -webkit-background-clip: text; background-clip: text; color: transparent; animation: ck-shimmer 1.6s linear infinite; }
.ck-typing { display: inline-flex; gap: 4px; padding: 8px 0; }
.ck-typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--ck-text-tertiary); animation: ck-bounce 1.2s infinite ease-in-out; }
.ck-typing span:nth-child(2) { animation-delay: .15s; } .ck-typing span:nth-child(3) { animation-delay: .3s; }
.ck-notice { display: flex; gap: 10px; padding: 10px 14px; border-radius: 12px; font-size: .92em; border: 1px solid; }
.ck-notice-info { background: color-mix(in srgb, var(--ck-info) 8%, transparent); border-color: color-mix(in srgb, var(--ck-info) 25%, transparent); }
.ck-notice-warning { background: color-mix(in srgb, var(--ck-warning) 10%, transparent); border-color: color-mix(in srgb, var(--ck-warning) 30%, transparent); }
.ck-notice-danger { background: color-mix(in srgb, var(--ck-danger) 8%, transparent); border-color: color-mix(in srgb, var(--ck-danger) 30%, transparent); }
.ck-error {
  display: flex; align-items: center; gap: 10px; padding: 10px 12px 10px 14px; border-radius: 12px; font-size: .92em;
  color: var(--ck-danger); background: color-mix(in srgb, var(--ck-danger) 8%, transparent); border: 1px solid color-mix(in srgb, var(--ck-danger) 25%, transparent);
}
.ck-error-text { flex: 1; }

/* structured input */
.ck-structured { border: 1px solid var(--ck-border); border-radius: 16px; padding: 14px 16px; background: var(--ck-surface); }
.ck-structured-form { display: flex; flex-direction: column; gap: 12px; }
.ck-question { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
.ck-question legend { font-weight: 600; margin-bottom: 6px; }
.ck-option { display: flex; align-items: center; gap: 8px; cursor: pointer; }
.ck-qa + .ck-qa { margin-top: 8px; }
.ck-q { font-weight: 600; } .ck-a { color: var(--ck-text-secondary); }
.ck-muted { color: var(--ck-text-tertiary); }
.ck-row-end { display: flex; justify-content: flex-end; gap: 8px; }
.ck-input, .ck-w-input, .ck-w-textarea, .ck-w-select, .ck-select {
  font: inherit; font-size: .93em; color: var(--ck-text); background: var(--ck-surface); border: 1px solid var(--ck-border);
  border-radius: 10px; padding: 7px 10px; min-width: 0;
}
.ck-input:focus, .ck-w-input:focus, .ck-w-textarea:focus, .ck-w-select:focus { outline: none; border-color: var(--ck-accent); box-shadow: 0 0 0 3px var(--ck-accent-soft); }

/* generated image */
.ck-generated-image { margin: 0; max-width: 420px; border-radius: 16px; overflow: hidden; border: 1px solid var(--ck-border-subtle); }
.ck-generated-image img { display: block; width: 100%; }
.ck-generated-image.ck-partial img { filter: blur(6px); }
.ck-generated-image.ck-placeholder { display: flex; align-items: center; justify-content: center; gap: 8px; aspect-ratio: 1; background: var(--ck-surface-2); color: var(--ck-text-secondary); }

/* buttons */
.ck-btn {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px; padding: 7px 14px; min-height: 34px;
  border-radius: var(--ck-radius-control); border: 1px solid transparent; cursor: pointer; font-size: .92em; font-weight: 500;
  transition: background .15s, opacity .15s, border-color .15s; white-space: nowrap;
}
.ck-btn-primary { background: var(--ck-text-strong); color: var(--ck-bg); }
.ck-btn-primary:hover { opacity: .88; }
.ck-btn-secondary { background: var(--ck-surface); color: var(--ck-text); border-color: var(--ck-border); }
.ck-btn-secondary:hover { background: var(--ck-surface-2); }
.ck-btn:disabled { opacity: .45; cursor: default; }
.ck-btn[data-color="primary"].ck-btn-primary, .ck-btn[data-color="info"].ck-btn-primary { background: var(--ck-accent); color: var(--ck-accent-fg); }
.ck-btn[data-color="danger"].ck-btn-primary { background: var(--ck-danger); color: #fff; }
.ck-btn[data-color="success"].ck-btn-primary { background: var(--ck-success); color: #fff; }
.ck-btn[data-color="warning"].ck-btn-primary, .ck-btn[data-color="caution"].ck-btn-primary { background: var(--ck-warning); color: #fff; }
.ck-btn[data-color="discovery"].ck-btn-primary { background: var(--ck-discovery); color: #fff; }
.ck-btn[data-variant="outline"] { background: transparent; color: var(--ck-text); border-color: var(--ck-border-strong); }
.ck-btn[data-variant="ghost"] { background: transparent; color: var(--ck-text); border-color: transparent; }
.ck-btn[data-variant="ghost"]:hover { background: var(--ck-surface-2); }
.ck-btn[data-variant="soft"] { background: var(--ck-surface-2); color: var(--ck-text); }
.ck-btn[data-size="sm"], .ck-btn[data-size="xs"], .ck-btn[data-size="2xs"], .ck-btn[data-size="3xs"] { min-height: 28px; padding: 4px 10px; font-size: .85em; }
.ck-btn[data-size="lg"], .ck-btn[data-size="xl"] { min-height: 42px; padding: 9px 18px; }
.ck-btn.ck-block { width: 100%; }
.ck-btn.ck-uniform { padding: 0; width: 34px; }
.ck-loading { opacity: .6; pointer-events: none; }
.ck-btn.ck-loading { position: relative; color: transparent !important; }
.ck-btn.ck-loading::after { content: ""; position: absolute; width: 14px; height: 14px; border-radius: 50%; border: 2px solid currentColor; border-color: var(--ck-bg) var(--ck-bg) transparent transparent; animation: ck-spin .7s linear infinite; }
.ck-btn-secondary.ck-loading::after { border-color: var(--ck-text) var(--ck-text) transparent transparent; }

/* widgets */
/* widget roots with an explicit theme prop */
.ck-widget[data-theme="light"] {
  --ck-accent: #2563eb;
  --ck-accent-fg: #ffffff;
  --ck-bg: #ffffff;
  --ck-surface: #ffffff;
  --ck-surface-2: #f5f5f6;
  --ck-surface-3: #ececee;
  --ck-surface-elevated: #ffffff;
  --ck-text: #1f1f23;
  --ck-text-strong: #0b0b0d;
  --ck-text-secondary: #5e5e66;
  --ck-text-tertiary: #6b6b73;
  --ck-border: #e3e3e6;
  --ck-border-subtle: #efeff1;
  --ck-border-strong: #c4c4ca;
  --ck-success: #16a34a;
  --ck-warning: #d97706;
  --ck-danger: #dc2626;
  --ck-info: #2563eb;
  --ck-discovery: #7c3aed;
  --ck-shadow: 0 1px 2px rgb(0 0 0 / 4%), 0 4px 16px rgb(0 0 0 / 6%);
  color-scheme: light;
}
.ck-widget[data-theme="dark"] {
  --ck-accent: #60a5fa;
  --ck-accent-fg: #0b1220;
  --ck-bg: #17171a;
  --ck-surface: #17171a;
  --ck-surface-2: #222226;
  --ck-surface-3: #2c2c31;
  --ck-surface-elevated: #232327;
  --ck-text: #e9e9ec;
  --ck-text-strong: #ffffff;
  --ck-text-secondary: #a6a6ae;
  --ck-text-tertiary: #8f8f97;
  --ck-border: #34343a;
  --ck-border-subtle: #2a2a2f;
  --ck-border-strong: #4a4a52;
  --ck-success: #4ade80;
  --ck-warning: #fbbf24;
  --ck-danger: #f87171;
  --ck-info: #60a5fa;
  --ck-discovery: #a78bfa;
  --ck-shadow: 0 1px 2px rgb(0 0 0 / 30%), 0 6px 20px rgb(0 0 0 / 35%);
  color-scheme: dark;
}
.ck-widget { color: var(--ck-text); }
.ck-widget-item { max-width: 560px; }
.ck-w-card { border: 1px solid var(--ck-border); border-radius: var(--ck-radius); background: var(--ck-surface-elevated); box-shadow: var(--ck-shadow); overflow: hidden; }
.ck-w-card-sm { max-width: 340px; } .ck-w-card-md { max-width: 480px; } .ck-w-card-lg { max-width: 640px; } .ck-w-card-full { max-width: none; }
.ck-w-card-body { padding: 16px; }
.ck-w-card-footer { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; border-top: 1px solid var(--ck-border-subtle); }
.ck-w-status { display: flex; align-items: center; gap: 6px; padding: 10px 16px 0; font-size: .82em; color: var(--ck-text-secondary); }
.ck-w-favicon { width: 14px; height: 14px; border-radius: 3px; }
.ck-w-listview { border: 1px solid var(--ck-border); border-radius: var(--ck-radius); background: var(--ck-surface-elevated); overflow: hidden; box-shadow: var(--ck-shadow); }
.ck-w-listview > .ck-w-status { padding-bottom: 6px; }
.ck-w-listitem { padding: 10px 16px; }
.ck-w-listitem + .ck-w-listitem { border-top: 1px solid var(--ck-border-subtle); }
.ck-w-listitem.ck-clickable { cursor: pointer; }
.ck-w-listitem.ck-clickable:hover { background: var(--ck-surface-2); }
.ck-w-showmore { display: block; width: 100%; padding: 8px; border: 0; border-top: 1px solid var(--ck-border-subtle); background: transparent; color: var(--ck-accent); cursor: pointer; }
.ck-w-text, .ck-w-caption, .ck-w-title { margin: 0; }
.ck-w-text-editable { font: inherit; border: 1px dashed var(--ck-border); border-radius: 6px; padding: 2px 6px; background: transparent; color: inherit; }
.ck-w-title { font-size: 1.1em; font-weight: 600; color: var(--ck-text-strong); line-height: 1.3; }
.ck-w-caption { font-size: .82em; color: var(--ck-text-secondary); }
.ck-w-label { font-size: .88em; font-weight: 500; }
.ck-truncate { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.ck-w-divider { border: 0; border-top: 1px solid var(--ck-border); margin: 4px 0; width: 100%; }
.ck-w-badge { display: inline-flex; align-items: center; padding: 1px 8px; border-radius: 6px; font-size: .78em; font-weight: 600; width: fit-content; }
.ck-w-badge.ck-pill { border-radius: 999px; }
.ck-w-badge[data-size="md"] { font-size: .85em; padding: 2px 10px; } .ck-w-badge[data-size="lg"] { font-size: .92em; padding: 3px 12px; }
.ck-w-badge { --b: var(--ck-text-secondary); }
.ck-w-badge[data-color="success"] { --b: var(--ck-success); } .ck-w-badge[data-color="danger"] { --b: var(--ck-danger); }
.ck-w-badge[data-color="warning"] { --b: var(--ck-warning); } .ck-w-badge[data-color="info"] { --b: var(--ck-info); }
.ck-w-badge[data-color="discovery"] { --b: var(--ck-discovery); }
.ck-w-badge[data-variant="soft"] { background: color-mix(in srgb, var(--b) 14%, transparent); color: var(--b); }
.ck-w-badge[data-variant="solid"] { background: var(--b); color: var(--ck-bg); }
.ck-w-badge[data-variant="outline"] { border: 1px solid var(--b); color: var(--b); }
.ck-w-icon { display: inline-flex; color: var(--ck-text-secondary); }
.ck-w-image { display: block; max-width: 100%; }
.ck-w-image.ck-framed { border: 1px solid var(--ck-border); border-radius: 12px; }
.ck-w-form { display: flex; flex-direction: column; gap: 8px; }
.ck-w-checkbox, .ck-w-radio { display: inline-flex; align-items: center; gap: 8px; cursor: pointer; }
.ck-w-checkbox input, .ck-w-radio input { accent-color: var(--ck-accent); width: 16px; height: 16px; }
.ck-w-input.ck-pill { border-radius: 999px; }
.ck-w-chart { margin: 0; color: var(--ck-text); }
.ck-chart-svg { width: 100%; height: auto; display: block; }
.ck-w-chart-legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: .82em; color: var(--ck-text-secondary); margin-top: 6px; }
.ck-legend-item { display: inline-flex; align-items: center; gap: 6px; }
.ck-legend-swatch { width: 10px; height: 10px; border-radius: 3px; }
.ck-w-table { border-collapse: collapse; width: 100%; font-size: .92em; }
.ck-w-table td, .ck-w-table th { border-bottom: 1px solid var(--ck-border-subtle); padding: 6px 8px; text-align: left; }
.ck-w-table th { font-weight: 600; color: var(--ck-text-secondary); }
.ck-w-markdown { font-size: .95em; }
.ck-w-text.ck-streaming::after, .ck-w-markdown.ck-streaming > :last-child::after { content: "▍"; opacity: .6; animation: ck-pulse 1s infinite; }

/* composer */
.ck-composer-wrap { flex: none; padding: 8px 16px 14px; max-width: 792px; width: 100%; margin: 0 auto; }
.ck-banner { text-align: center; padding: 12px; color: var(--ck-text-secondary); background: var(--ck-surface-2); border-radius: 14px; font-size: .92em; }
.ck-composer {
  position: relative; display: flex; flex-direction: column; gap: 4px; padding: 10px 10px 8px 16px;
  border: 1px solid var(--ck-border); border-radius: var(--ck-radius); background: var(--ck-surface-elevated);
  box-shadow: var(--ck-shadow); transition: border-color .15s, box-shadow .15s;
}
.ck-composer:focus-within { border-color: var(--ck-border-strong); }
.ck-composer.ck-disabled { opacity: .6; }
.ck-editor {
  min-height: 26px; max-height: 200px; overflow-y: auto; outline: none; white-space: pre-wrap; word-break: break-word;
  padding: 4px 0; color: var(--ck-text-strong);
}
.ck-editor:empty::before { content: attr(data-placeholder); color: var(--ck-text-tertiary); pointer-events: none; }
.ck-toolbar { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-left: -6px; }
.ck-toolbar-left, .ck-toolbar-right { display: flex; align-items: center; gap: 4px; min-width: 0; }
.ck-select { max-width: 150px; padding: 4px 8px; border-radius: 8px; font-size: .85em; background: transparent; border-color: transparent; color: var(--ck-text-secondary); cursor: pointer; }
.ck-select:hover { background: var(--ck-surface-2); }
.ck-tool-toggle { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border: 1px solid var(--ck-border); border-radius: 999px; background: transparent; font-size: .85em; color: var(--ck-text-secondary); cursor: pointer; }
.ck-tool-toggle.ck-on { color: var(--ck-accent); border-color: color-mix(in srgb, var(--ck-accent) 40%, transparent); background: var(--ck-accent-soft); }
.ck-tool-menu-wrap { position: relative; display: inline-flex; }
.ck-tool-menu-btn { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border: 1px solid var(--ck-border); border-radius: 999px; background: transparent; font-size: .85em; color: var(--ck-text-secondary); cursor: pointer; }
.ck-tool-menu-btn[aria-expanded="true"] { background: var(--ck-surface-2); }
.ck-tool-menu { position: absolute; bottom: calc(100% + 6px); left: 0; min-width: 220px; padding: 4px; background: var(--ck-surface-elevated); border: 1px solid var(--ck-border); border-radius: 12px; box-shadow: 0 8px 24px rgba(0,0,0,.16); z-index: 15; }
.ck-tool-menu-item { display: flex; align-items: center; gap: 8px; padding: 7px 8px; border-radius: 8px; cursor: pointer; font-size: .93em; color: var(--ck-text); }
.ck-tool-menu-item:hover, .ck-tool-menu-item:focus { background: var(--ck-surface-2); outline: none; }
.ck-tool-menu-item:focus-visible { box-shadow: inset 0 0 0 2px var(--ck-accent); }
.ck-tool-menu-item.ck-on { color: var(--ck-accent); }
.ck-tool-menu-label { display: flex; flex-direction: column; }
.ck-tool-menu-label .ck-option-desc { margin-left: 0; padding-left: 0; }
.ck-dictation-status { display: inline-flex; align-items: center; gap: 6px; font-size: .82em; color: var(--ck-text-secondary); }
.ck-rec-dot { width: 8px; height: 8px; border-radius: 50%; background: #d92d20; animation: ck-pulse 1s ease-in-out infinite; }
.ck-dictation-transcribing .ck-rec-dot { background: var(--ck-text-tertiary); }
.ck-dictation-btn.ck-on { color: #d92d20; }
.ck-tool-chip { color: var(--ck-accent); background: var(--ck-accent-soft); }
.ck-chip-close { border: 0; background: transparent; cursor: pointer; padding: 0; display: inline-flex; color: inherit; }
.ck-chip-close .ck-icon { width: 12px; height: 12px; }
.ck-send {
  display: inline-flex; align-items: center; justify-content: center; width: 34px; height: 34px; border-radius: 50%; border: 0;
  background: var(--ck-text-strong); color: var(--ck-bg); cursor: pointer; transition: opacity .15s, transform .1s; flex: none;
}
.ck-send:hover:not(:disabled) { opacity: .85; }
.ck-send:active:not(:disabled) { transform: scale(.95); }
.ck-send:disabled { opacity: .25; cursor: default; }
.ck-dictation-btn.ck-on { color: var(--ck-danger); }
.ck-reply { display: flex; align-items: center; gap: 8px; padding: 4px 8px; border-left: 3px solid var(--ck-accent); background: var(--ck-surface-2); border-radius: 6px; font-size: .88em; color: var(--ck-text-secondary); }
.ck-reply-text { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-attachments { display: flex; flex-wrap: wrap; gap: 8px; padding: 4px 0 6px; }
.ck-upload { position: relative; display: inline-flex; align-items: center; gap: 6px; height: 56px; min-width: 56px; padding: 0 10px; border: 1px solid var(--ck-border); border-radius: 12px; background: var(--ck-surface-2); font-size: .85em; overflow: hidden; }
.ck-upload img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
.ck-upload-error { border-color: var(--ck-danger); }
.ck-upload-progress { position: absolute; left: 6px; right: 6px; bottom: 5px; height: 4px; border-radius: 2px; background: rgb(0 0 0 / 15%); overflow: hidden; }
.ck-upload-bar { height: 100%; background: var(--ck-accent); transition: width .2s; }
.ck-upload-remove { position: absolute; top: 3px; right: 3px; width: 20px; height: 20px; border-radius: 50%; border: 0; padding: 0; display: inline-flex; align-items: center; justify-content: center; background: rgb(0 0 0 / 60%); color: #fff; cursor: pointer; }
.ck-upload-remove .ck-icon { width: 12px; height: 12px; }
.ck-upload:not(:has(img)) { padding-right: 30px; }
.ck-disclaimer { text-align: center; font-size: .78em; color: var(--ck-text-tertiary); margin-top: 8px; }
.ck-disclaimer.ck-high-contrast { color: var(--ck-text-secondary); }
.ck-disclaimer p { margin: 0; }
.ck-disclaimer a { color: inherit; }
.ck-mention-menu {
  position: absolute; left: 8px; bottom: calc(100% + 6px); min-width: 240px; max-width: 360px; max-height: 260px; overflow-y: auto;
  background: var(--ck-surface-elevated); border: 1px solid var(--ck-border); border-radius: 14px; box-shadow: var(--ck-shadow); padding: 6px; z-index: 5;
}
.ck-mention-group { font-size: .75em; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--ck-text-tertiary); padding: 6px 8px 2px; }
.ck-mention-option { display: flex; align-items: center; gap: 8px; padding: 7px 8px; border-radius: 8px; cursor: pointer; font-size: .93em; }
.ck-mention-option.ck-active, .ck-mention-option:hover { background: var(--ck-surface-2); }
.ck-option-desc { margin-left: auto; padding-left: 12px; color: var(--ck-text-tertiary); font-size: .85em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ck-mention-empty { padding: 8px; color: var(--ck-text-tertiary); font-size: .9em; }
.ck-drop-hint { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; border: 2px dashed var(--ck-accent); border-radius: inherit; background: color-mix(in srgb, var(--ck-surface) 90%, transparent); color: var(--ck-accent); font-weight: 500; }
.ck-drop-hint::before { content: "⤓"; margin-right: 6px; }

/* history */
.ck-history {
  position: absolute; inset: 0 auto 0 0; width: min(320px, 85%); z-index: 10; display: flex; flex-direction: column;
  background: var(--ck-surface-elevated); border-right: 1px solid var(--ck-border); box-shadow: var(--ck-shadow); animation: ck-slide .18s ease-out;
}
.ck-history-head { display: flex; align-items: center; justify-content: space-between; padding: 10px 12px 10px 16px; border-bottom: 1px solid var(--ck-border-subtle); }
.ck-history-head h2 { margin: 0; font-size: 1em; font-weight: 600; }
.ck-history-list { flex: 1; overflow-y: auto; padding: 8px; display: flex; flex-direction: column; gap: 2px; }
.ck-history-row { display: flex; align-items: center; gap: 2px; border-radius: 10px; padding-right: 4px; }
.ck-history-row:hover, .ck-history-row.ck-current { background: var(--ck-surface-2); }
.ck-history-open { flex: 1; min-width: 0; text-align: left; border: 0; background: transparent; padding: 9px 10px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; border-radius: 10px; font-size: .93em; }
.ck-history-row .ck-icon-btn { opacity: 0; }
.ck-history-row:hover .ck-icon-btn, .ck-history-row:focus-within .ck-icon-btn, .ck-history-row .ck-icon-btn.ck-confirm { opacity: 1; }
.ck-history-delete.ck-confirm { width: auto; padding: 0 8px; color: var(--ck-danger); font-size: .82em; font-weight: 600; }
.ck-rename-input { flex: 1; margin: 4px; }
.ck-history-more { margin: 8px; }
.ck-history-empty { padding: 12px; text-align: center; }
.ck-with-history .ck-history-btn { color: var(--ck-accent); }
.ck-with-history .ck-scroller, .ck-with-history .ck-composer-wrap { filter: saturate(.8); opacity: .55; transition: opacity .15s; }

/* toast & preview */
.ck-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.ck-toast { position: absolute; left: 50%; bottom: 110px; transform: translate(-50%, 10px); padding: 8px 14px; border-radius: 999px; background: var(--ck-text-strong); color: var(--ck-bg); font-size: .88em; opacity: 0; pointer-events: none; transition: opacity .2s, transform .2s; z-index: 20; }
.ck-toast.ck-show { opacity: 1; transform: translate(-50%, 0); }
.ck-preview { position: absolute; z-index: 15; max-width: 320px; padding: 12px; background: var(--ck-surface-elevated); border: 1px solid var(--ck-border); border-radius: 14px; box-shadow: var(--ck-shadow); }

@keyframes ck-spin { to { transform: rotate(360deg); } }
@keyframes ck-pulse { 0%, 100% { opacity: .25; } 50% { opacity: 1; } }
@keyframes ck-bounce { 0%, 80%, 100% { transform: translateY(0); opacity: .4; } 40% { transform: translateY(-4px); opacity: 1; } }
@keyframes ck-shimmer { from { background-position: 200% 0; } to { background-position: -200% 0; } }
@keyframes ck-slide { from { transform: translateX(-16px); opacity: 0; } to { transform: none; opacity: 1; } }
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; } }
@media (max-width: 520px) { .ck-user { margin-left: 8%; } .ck-thread { padding: 14px 12px 8px; } .ck-composer-wrap { padding: 6px 10px 10px; } }
`;
