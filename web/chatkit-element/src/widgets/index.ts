// The widget renderer (docs/widgets.md §7): typed nodes, one render function per component type.
export { WidgetRenderer, RENDERERS, isKnownNode } from './renderer';
export type { ActionConfig, Binding, WidgetContext, WidgetStrings } from './context';
export { DEFAULT_STRINGS, WIDGET_STRING_KEYS, widgetStrings } from './context';
export { collectForm, mergePayload, setPath } from './form';
export { color } from './style';
export { renderChart } from './chart';
export { parseDay, isoOf } from './datepicker';
export { AUTO_LIST_LIMIT } from './layout';
export type * from './types';
