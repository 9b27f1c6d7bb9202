// Styles of the widget controls (appended to the element's stylesheet). Sizes and colours go through --ck-*
// custom properties, so themes apply; popups sit in the top layer, positioned by script.
export const WIDGET_STYLES = /* css */ `
.ck-widget [data-size="3xs"] { --ck-ctl-h: 22px; --ck-ctl-fs: .78em; } .ck-widget [data-size="2xs"] { --ck-ctl-h: 24px; --ck-ctl-fs: .8em; }
.ck-widget [data-size="xs"] { --ck-ctl-h: 26px; --ck-ctl-fs: .82em; } .ck-widget [data-size="sm"] { --ck-ctl-h: 28px; --ck-ctl-fs: .86em; }
.ck-widget [data-size="md"] { --ck-ctl-h: 34px; } .ck-widget [data-size="lg"] { --ck-ctl-h: 38px; }
.ck-widget [data-size="xl"] { --ck-ctl-h: 42px; --ck-ctl-fs: 1em; } .ck-widget [data-size="2xl"] { --ck-ctl-h: 46px; --ck-ctl-fs: 1.05em; }
.ck-widget [data-size="3xl"] { --ck-ctl-h: 50px; --ck-ctl-fs: 1.1em; }
.ck-widget .ck-btn[data-size], .ck-w-input[data-size], .ck-w-trigger { min-height: var(--ck-ctl-h, 34px); font-size: var(--ck-ctl-fs, .92em); }
.ck-widget .ck-btn[data-size] { padding-block: 0; }
.ck-widget .ck-btn.ck-uniform[data-size] { width: var(--ck-ctl-h, 34px); padding: 0; }
.ck-widget .ck-btn[data-color] { --b: var(--ck-accent); --bf: var(--ck-accent-fg); }
.ck-widget .ck-btn[data-color="secondary"] { --b: var(--ck-text); --bf: var(--ck-bg); }
.ck-widget .ck-btn[data-color="info"] { --b: var(--ck-info); --bf: #fff; }
.ck-widget .ck-btn[data-color="discovery"] { --b: var(--ck-discovery); --bf: #fff; }
.ck-widget .ck-btn[data-color="success"] { --b: var(--ck-success); --bf: #fff; }
.ck-widget .ck-btn[data-color="danger"] { --b: var(--ck-danger); --bf: #fff; }
.ck-widget .ck-btn[data-color="warning"], .ck-widget .ck-btn[data-color="caution"] { --b: var(--ck-warning); --bf: #1f1f23; }
.ck-widget .ck-btn[data-variant="solid"] { background: var(--b); color: var(--bf); border-color: transparent; }
.ck-widget .ck-btn[data-variant="solid"][data-color="secondary"] { background: var(--ck-surface-2); color: var(--ck-text); }
.ck-widget .ck-btn[data-variant="soft"] { background: color-mix(in srgb, var(--b) 12%, transparent); color: var(--b); border-color: transparent; }
.ck-widget .ck-btn[data-variant="outline"] { background: transparent; color: var(--b); border-color: color-mix(in srgb, var(--b) 40%, transparent); }
.ck-widget .ck-btn[data-variant="ghost"] { background: transparent; color: var(--b); border-color: transparent; }
.ck-widget .ck-btn[data-variant]:not([data-variant="solid"]):hover { background: color-mix(in srgb, var(--b) 18%, transparent); }
.ck-w-select, .ck-w-date { position: relative; display: inline-flex; max-width: 100%; min-width: 0; padding: 0; border: 0; background: none; font-size: inherit; }
.ck-w-select.ck-block, .ck-w-date.ck-block { display: flex; width: 100%; }
.ck-w-trigger {
  flex: 1 1 auto; display: inline-flex; align-items: center; gap: 8px; min-width: 150px; max-width: 100%; padding: 0 10px;
  font: inherit; font-size: var(--ck-ctl-fs, .93em); color: var(--ck-text); background: var(--ck-surface); text-align: start;
  border: 1px solid var(--ck-border); border-radius: 10px; cursor: pointer;
}
.ck-w-trigger:focus-visible { outline: none; border-color: var(--ck-accent); box-shadow: 0 0 0 3px var(--ck-accent-soft); }
.ck-w-trigger:disabled { opacity: .5; cursor: default; }
.ck-w-trigger svg { flex: none; color: var(--ck-text-secondary); }
.ck-w-clearable .ck-w-trigger { padding-inline-end: 34px; }
.ck-w-select.ck-w-clearable .ck-w-trigger { padding-inline-end: 52px; }
.ck-w-select-value, .ck-w-date-value { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-placeholder { color: var(--ck-text-secondary); }
.ck-pill > .ck-w-trigger, .ck-w-input.ck-pill { border-radius: 999px; }
[data-variant="soft"] > .ck-w-trigger, .ck-w-input[data-variant="soft"], .ck-w-textarea[data-variant="soft"] { background: var(--ck-surface-2); border-color: transparent; }
[data-variant="solid"] > .ck-w-trigger { background: var(--ck-surface-3); border-color: transparent; }
[data-variant="ghost"] > .ck-w-trigger { background: transparent; border-color: transparent; }
.ck-w-input[data-gutter="2xs"], .ck-w-textarea[data-gutter="2xs"] { padding-inline: 4px; } .ck-w-input[data-gutter="xs"], .ck-w-textarea[data-gutter="xs"] { padding-inline: 6px; }
.ck-w-input[data-gutter="sm"], .ck-w-textarea[data-gutter="sm"] { padding-inline: 8px; } .ck-w-input[data-gutter="lg"], .ck-w-textarea[data-gutter="lg"] { padding-inline: 14px; }
.ck-w-input[data-gutter="xl"], .ck-w-textarea[data-gutter="xl"] { padding-inline: 18px; }
.ck-w-input:user-invalid, .ck-w-textarea:user-invalid, .ck-w-text-editable:user-invalid { border-color: var(--ck-danger); }
.ck-w-textarea { resize: vertical; line-height: 1.45; }
.ck-w-textarea.ck-autoresize, textarea.ck-w-text-editable { resize: none; }
textarea.ck-w-text-editable { display: block; width: 100%; line-height: 1.4; }
.ck-w-clear {
  position: absolute; inset-inline-end: 30px; top: 50%; transform: translateY(-50%); width: 22px; height: 22px; padding: 0;
  display: inline-flex; align-items: center; justify-content: center; border: 0; border-radius: 50%; background: transparent;
  color: var(--ck-text-secondary); cursor: pointer;
}
.ck-w-date .ck-w-clear { inset-inline-end: 6px; }
.ck-w-clear:hover { background: var(--ck-surface-2); }
.ck-w-popup {
  position: fixed; inset: auto; margin: 0; z-index: 30; padding: 4px; color: var(--ck-text); background: var(--ck-surface-elevated);
  border: 1px solid var(--ck-border); border-radius: 12px; box-shadow: var(--ck-shadow); overflow: auto;
}
.ck-w-popup[hidden] { display: none; }
.ck-w-listbox { max-height: 264px; box-sizing: border-box; }
.ck-w-option { display: flex; flex-direction: column; padding: 6px 10px; border-radius: 8px; cursor: pointer; font-size: .92em; }
.ck-w-option.ck-active { background: var(--ck-surface-2); }
.ck-w-option[aria-selected="true"] { font-weight: 600; }
.ck-w-option[aria-disabled="true"] { opacity: .45; cursor: default; }
.ck-w-option-desc { font-size: .85em; font-weight: 400; color: var(--ck-text-secondary); }
.ck-w-empty { color: var(--ck-text-secondary); cursor: default; }
.ck-w-calendar { padding: 8px; width: 252px; }
.ck-w-cal-head { display: flex; align-items: center; justify-content: space-between; gap: 4px; margin-bottom: 4px; }
.ck-w-cal-title { font-weight: 600; font-size: .92em; }
.ck-w-cal-nav, .ck-w-day { border: 0; border-radius: 8px; background: transparent; color: inherit; font: inherit; cursor: pointer; }
.ck-w-cal-nav { width: 28px; height: 28px; display: inline-flex; align-items: center; justify-content: center; }
.ck-w-cal-nav:disabled { opacity: .35; cursor: default; }
.ck-w-cal-grid { border-collapse: collapse; width: 100%; }
.ck-w-cal-grid th { font-size: .75em; font-weight: 500; color: var(--ck-text-secondary); padding: 2px 0; }
.ck-w-cal-grid td { padding: 1px; text-align: center; }
.ck-w-day { width: 32px; height: 32px; font-size: .88em; }
.ck-w-cal-nav:not(:disabled):hover, .ck-w-day:hover { background: var(--ck-surface-2); }
.ck-w-day[aria-current="date"] { font-weight: 700; box-shadow: inset 0 0 0 1px var(--ck-border-strong); }
.ck-w-day[aria-selected="true"] { background: var(--ck-accent); color: var(--ck-accent-fg); }
.ck-w-day[aria-disabled="true"] { opacity: .4; cursor: default; text-decoration: line-through; }
.ck-w-day:focus-visible, .ck-w-cal-nav:focus-visible { outline: 2px solid var(--ck-accent); outline-offset: -2px; }
.ck-w-radiogroup { display: flex; flex-direction: column; gap: 4px; }
.ck-w-radiogroup[data-direction="row"] { flex-direction: row; flex-wrap: wrap; gap: 12px; }
.ck-w-card-body, .ck-w-listitem { --ck-w-pad-l: 16px; --ck-w-pad-r: 16px; }
.ck-w-divider.ck-flush, .ck-w-image.ck-flush {
  margin-inline: calc(-1 * var(--ck-w-pad-l, 0px)) calc(-1 * var(--ck-w-pad-r, 0px));
  width: calc(100% + var(--ck-w-pad-l, 0px) + var(--ck-w-pad-r, 0px)); max-width: none; border-radius: 0;
}
.ck-w-table td[data-col-size], .ck-w-table th[data-col-size] { overflow-wrap: anywhere; }
.ck-w-transition.ck-w-entering { opacity: 0; }
`;
