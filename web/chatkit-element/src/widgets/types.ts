// The widget node union: every component of docs/widgets.md §7 with its props, as the server's typed components
// (src/ChatKit/Widgets/Components.g.cs) define them, the client-side meaning following ChatKit.js's published types.
// JSON from a server is untrusted, so render functions still check each value at run time; these types say what a
// well-formed node holds and let the renderer have exactly one render function per `type`.

export type ThemeColor = { light: string; dark: string };
export type ColorValue = string | ThemeColor;
export type Length = number | string;
export type Spacing = Length | { top?: Length; right?: Length; bottom?: Length; left?: Length; x?: Length; y?: Length };
export type BorderSide = number | { size: number; color?: ColorValue; style?: BorderStyle };
export type BorderValue = BorderSide | { top?: BorderSide; right?: BorderSide; bottom?: BorderSide; left?: BorderSide; x?: BorderSide; y?: BorderSide };
export type BorderStyle = 'solid' | 'dashed' | 'dotted' | 'double' | 'groove' | 'ridge' | 'inset' | 'outset';
export type Radius = '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | 'full' | '100%' | 'none';
export type Alignment = 'start' | 'center' | 'end' | 'baseline' | 'stretch';
export type Justification = 'start' | 'center' | 'end' | 'between' | 'around' | 'evenly' | 'stretch';
export type TextAlign = 'start' | 'center' | 'end';
export type TextSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl';
export type TitleSize = 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | '5xl';
export type CaptionSize = 'sm' | 'md' | 'lg';
export type IconSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type FontWeight = 'normal' | 'medium' | 'semibold' | 'bold';
export type ControlVariant = 'solid' | 'soft' | 'outline' | 'ghost';
export type ControlSize = '3xs' | '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type GutterSize = '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl';
export type Direction = 'row' | 'col';
/** A built-in icon name, `vendor:<name>` or `lucide:<name>` (docs/widgets.md §6). */
export type WidgetIconName = string;

/** An action a widget fires (docs/widgets.md §4.1). */
export interface ActionConfig {
  type: string;
  payload?: any;
  handler?: 'server' | 'client';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

export type WidgetStatus = { text: string; favicon?: string; frame?: boolean } | { text: string; icon?: WidgetIconName };
export interface CardAction { label: string; action: ActionConfig }

interface Node<T extends string> { type: T; id?: string; key?: string }

interface SizeProps {
  height?: Length; width?: Length; size?: Length;
  minHeight?: Length; minWidth?: Length; minSize?: Length;
  maxHeight?: Length; maxWidth?: Length; maxSize?: Length;
}

export interface BoxProps extends SizeProps {
  children?: WidgetComponent[];
  align?: Alignment; justify?: Justification; wrap?: 'nowrap' | 'wrap' | 'wrap-reverse';
  flex?: Length; gap?: Length; padding?: Spacing; margin?: Spacing; border?: BorderValue;
  radius?: Radius; background?: ColorValue; aspectRatio?: Length;
}

interface TextProps { value: string; color?: ColorValue; weight?: FontWeight; textAlign?: TextAlign; truncate?: boolean; maxLines?: number }

export interface Card extends Node<'Card'> {
  children: WidgetComponent[]; asForm?: boolean; background?: ColorValue; size?: 'sm' | 'md' | 'lg' | 'full';
  padding?: Spacing; border?: BorderValue; status?: WidgetStatus; collapsed?: boolean;
  confirm?: CardAction; cancel?: CardAction; theme?: 'light' | 'dark';
}
export interface ListView extends Node<'ListView'> {
  children: ListViewItem[]; limit?: number | 'auto'; status?: WidgetStatus; theme?: 'light' | 'dark';
}
export interface ListViewItem extends Node<'ListViewItem'> {
  children: WidgetComponent[]; onClickAction?: ActionConfig; gap?: Length; align?: Alignment;
}
export interface Basic extends Node<'Basic'> {
  children: WidgetComponent[]; theme?: 'light' | 'dark'; direction?: Direction;
  gap?: Length; padding?: Spacing; align?: Alignment; justify?: Justification;
}
export interface Box extends Node<'Box'>, BoxProps { direction?: Direction }
export interface Row extends Node<'Row'>, BoxProps {}
export interface Col extends Node<'Col'>, BoxProps {}
export interface Form extends Node<'Form'>, BoxProps { onSubmitAction?: ActionConfig; direction?: Direction }
export interface Spacer extends Node<'Spacer'> { minSize?: Length }
export interface Divider extends Node<'Divider'> { color?: ColorValue; size?: Length; spacing?: Length; flush?: boolean }
/** Holds ONE child (not a list): a change of that child animates. */
export interface Transition extends Node<'Transition'> { children: WidgetComponent }

export interface EditableProps {
  name: string; autoFocus?: boolean; autoSelect?: boolean; autoComplete?: string;
  allowAutofillExtensions?: boolean; required?: boolean; pattern?: string; placeholder?: string;
}
export interface Text extends Node<'Text'>, TextProps {
  streaming?: boolean; italic?: boolean; lineThrough?: boolean; width?: Length; size?: TextSize;
  /** Lines reserved; with `editable`, more than one makes the field multi-line. */
  minLines?: number;
  editable?: false | EditableProps;
}
export interface Title extends Node<'Title'>, TextProps { size?: TitleSize }
export interface Caption extends Node<'Caption'>, TextProps { size?: CaptionSize }
export interface Markdown extends Node<'Markdown'> { value: string; streaming?: boolean }
export interface Label extends Node<'Label'> {
  value: string; fieldName: string; size?: TextSize; weight?: FontWeight; textAlign?: TextAlign; color?: ColorValue;
}
export interface Badge extends Node<'Badge'> {
  label: string; color?: 'secondary' | 'success' | 'danger' | 'warning' | 'info' | 'discovery';
  variant?: 'solid' | 'soft' | 'outline'; size?: 'sm' | 'md' | 'lg'; pill?: boolean;
}
export interface Icon extends Node<'Icon'> { name: WidgetIconName; color?: ColorValue; size?: IconSize }
export interface Image extends Node<'Image'>, SizeProps {
  src: string; alt?: string; fit?: 'cover' | 'contain' | 'fill' | 'scale-down' | 'none';
  position?: 'top left' | 'top' | 'top right' | 'left' | 'center' | 'right' | 'bottom left' | 'bottom' | 'bottom right';
  radius?: Radius; frame?: boolean; flush?: boolean; margin?: Spacing; background?: ColorValue; aspectRatio?: Length; flex?: Length;
}
export interface ChartSeries { type: 'bar' | 'area' | 'line'; dataKey: string; label?: string; color?: string; stack?: string; curveType?: string }
export interface Chart extends Node<'Chart'>, SizeProps {
  data: Record<string, string | number>[]; series: ChartSeries[];
  xAxis: string | { dataKey: string; hide?: boolean; labels?: Record<string, string> };
  showYAxis?: boolean; showLegend?: boolean; showTooltip?: boolean; barGap?: number; barCategoryGap?: number;
  flex?: Length; aspectRatio?: Length;
}
export interface Table extends Node<'Table'> { children?: TableRow[] }
export interface TableRow extends Node<'Table.Row'> { children?: TableCell[]; header?: boolean }
export interface TableCell extends Node<'Table.Cell'> {
  children?: WidgetComponent[]; width?: Length; padding?: Spacing; colSpan?: number; rowSpan?: number;
  align?: 'start' | 'center' | 'end'; vAlign?: 'start' | 'center' | 'end'; colSize?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
}
export interface Button extends Node<'Button'> {
  submit?: boolean; label?: string; onClickAction?: ActionConfig; iconStart?: WidgetIconName; iconEnd?: WidgetIconName;
  style?: 'primary' | 'secondary'; iconSize?: 'sm' | 'md' | 'lg' | 'xl' | '2xl';
  color?: 'primary' | 'secondary' | 'info' | 'discovery' | 'success' | 'caution' | 'warning' | 'danger';
  variant?: ControlVariant; size?: ControlSize; pill?: boolean; uniform?: boolean; block?: boolean; disabled?: boolean;
}
interface FieldProps {
  name: string; defaultValue?: string; required?: boolean; pattern?: string; placeholder?: string;
  allowAutofillExtensions?: boolean; autoSelect?: boolean; autoFocus?: boolean; disabled?: boolean;
  variant?: 'soft' | 'outline'; size?: ControlSize; gutterSize?: GutterSize;
}
export interface Input extends Node<'Input'>, FieldProps {
  inputType?: 'number' | 'email' | 'text' | 'password' | 'tel' | 'url'; pill?: boolean;
}
export interface Textarea extends Node<'Textarea'>, FieldProps { rows?: number; autoResize?: boolean; maxRows?: number }
export interface SelectOption { value: string; label: string; disabled?: boolean; description?: string }
export interface Select extends Node<'Select'> {
  name: string; options: SelectOption[]; onChangeAction?: ActionConfig; placeholder?: string; defaultValue?: string;
  variant?: ControlVariant; size?: ControlSize; pill?: boolean; block?: boolean; clearable?: boolean; disabled?: boolean;
  searchable?: boolean;
}
export interface DatePicker extends Node<'DatePicker'> {
  name: string; onChangeAction?: ActionConfig; placeholder?: string;
  /** ISO 8601 date-times, as are the values it sends. */
  defaultValue?: string; min?: string; max?: string;
  variant?: ControlVariant; size?: ControlSize; side?: 'top' | 'bottom' | 'left' | 'right'; align?: 'start' | 'center' | 'end';
  pill?: boolean; block?: boolean; clearable?: boolean; disabled?: boolean;
}
export interface Checkbox extends Node<'Checkbox'> {
  name: string; label?: string; defaultChecked?: boolean; onChangeAction?: ActionConfig; disabled?: boolean; required?: boolean;
}
export interface RadioGroup extends Node<'RadioGroup'> {
  name: string; options?: { label: string; value: string; disabled?: boolean }[]; ariaLabel?: string;
  onChangeAction?: ActionConfig; defaultValue?: string; direction?: Direction; disabled?: boolean; required?: boolean;
}

export type WidgetRoot = Card | ListView | Basic;
export type WidgetComponent =
  | Card | ListView | ListViewItem | Basic | Box | Row | Col | Form | Spacer | Divider | Transition
  | Text | Title | Caption | Markdown | Label | Badge | Icon | Image | Chart | Table | TableRow | TableCell
  | Button | Input | Textarea | Select | DatePicker | Checkbox | RadioGroup;
export type WidgetType = WidgetComponent['type'];
export type NodeOf<T extends WidgetType> = Extract<WidgetComponent, { type: T }>;
