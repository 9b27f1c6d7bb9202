// Icons: every built-in ChatKit icon name (ChatKitIcon, HeaderIcon, WidgetIcon) drawn with a Lucide glyph, plus the
// few the element uses itself. Lucide (ISC) is imported icon by icon, so the bundle carries only these; any other
// `lucide:<name>` is fetched once from the server's copy of the set (see assets.ts) and drawn when it arrives.
import {
  ArrowLeft, ArrowLeftFromLine, ArrowLeftToLine, ArrowRightFromLine, ArrowRightToLine, ArrowUp, AtSign, Atom, Award, Book, BookOpen, BookOpenText, Bot, Box, Briefcase, Bug, Calendar, ChartColumn, ChartLine, Check, ChevronDown, ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight, Circle, CircleCheck, CircleEllipsis, CircleQuestionMark, CircleUser, Clock, Compass, Copy, Dot, Ellipsis, EllipsisVertical, Expand, ExternalLink, File as FileGlyph, FileText, FlaskConical, Globe, House, HouseHeart, IdCard, Image as ImageGlyph, Images, Info, KeyRound, Layers, LayoutGrid, LayoutPanelLeft, LifeBuoy, Lightbulb, Mail, Map as MapGlyph, MapPin, Maximize2, Menu, MessageCircleDashed, Mic, Minimize2, Monitor, Moon, Notebook, NotebookPen, PanelLeft, PanelLeftClose, PanelLeftDashed, PanelLeftOpen, PanelRight, PanelRightClose, PanelRightDashed, PanelRightOpen, Paperclip, PartyPopper, PenLine, Pencil, Phone, Play, Plus, RefreshCw, RotateCcwClock, Search, Settings, Share, Shrink, Signature, SlidersHorizontal, Smartphone, Sparkle, Sparkles, Square, SquareChevronLeft, SquareChevronRight, SquareCode, SquarePen, SquareText, Star, Sun, TextAlignEnd, ThumbsDown, ThumbsUp, Trash, TriangleAlert, User, X, Zap,
} from 'lucide';
import { fetchAsset } from './assets';
import type { Strings } from './i18n';

/** One glyph as Lucide describes it: a list of SVG child elements with their attributes. */
type IconNode = readonly (readonly [string, Readonly<Record<string, string | number | undefined>>])[];

interface Glyph {
  node: IconNode;
  /** Solid variant ("-filled", play, stop): the shapes are filled with the current colour. */
  fill?: boolean;
  /** Mirrored or rotated variant of another glyph. */
  transform?: string;
}

const GLYPHS: Record<string, Glyph> = {
  'agent': { node: Bot },
  'analytics': { node: ChartLine },
  'atom': { node: Atom },
  'batch': { node: Layers },
  'bolt': { node: Zap },
  'book-open': { node: BookOpen },
  'book-closed': { node: Book },
  'book-clock': { node: BookOpenText },
  'bug': { node: Bug },
  'calendar': { node: Calendar },
  'chart': { node: ChartColumn },
  'check': { node: Check },
  'check-circle': { node: CircleCheck },
  'check-circle-filled': { node: CircleCheck, fill: true },
  'chevron-left': { node: ChevronLeft },
  'chevron-right': { node: ChevronRight },
  'chevron-down': { node: ChevronDown },
  'circle-question': { node: CircleQuestionMark },
  'clock': { node: Clock },
  'compass': { node: Compass },
  'confetti': { node: PartyPopper },
  'cube': { node: Box },
  'desktop': { node: Monitor },
  'document': { node: FileText },
  'dot': { node: Dot },
  'dots-horizontal': { node: Ellipsis },
  'dots-vertical': { node: EllipsisVertical },
  'empty-circle': { node: Circle },
  'external-link': { node: ExternalLink },
  'globe': { node: Globe },
  'keys': { node: KeyRound },
  'lab': { node: FlaskConical },
  'images': { node: Images },
  'info': { node: Info },
  'lifesaver': { node: LifeBuoy },
  'lightbulb': { node: Lightbulb },
  'mail': { node: Mail },
  'map-pin': { node: MapPin },
  'maps': { node: MapGlyph },
  'mobile': { node: Smartphone },
  'name': { node: Signature },
  'notebook': { node: Notebook },
  'notebook-pencil': { node: NotebookPen },
  'page-blank': { node: FileGlyph },
  'phone': { node: Phone },
  'play': { node: Play, fill: true },
  'plus': { node: Plus },
  'profile': { node: CircleUser },
  'profile-card': { node: IdCard },
  'reload': { node: RefreshCw },
  'star': { node: Star },
  'star-filled': { node: Star, fill: true },
  'search': { node: Search },
  'sparkle': { node: Sparkle },
  'sparkle-double': { node: Sparkles },
  'square-code': { node: SquareCode },
  'square-image': { node: ImageGlyph },
  'square-text': { node: SquareText },
  'suitcase': { node: Briefcase },
  'settings-slider': { node: SlidersHorizontal },
  'user': { node: User },
  'wreath': { node: Award },
  'write': { node: Pencil },
  'write-alt': { node: PenLine },
  'write-alt2': { node: SquarePen },
  'sidebar-left': { node: PanelLeft },
  'sidebar-right': { node: PanelRight },
  'sidebar-open-left': { node: PanelLeftOpen },
  'sidebar-open-right': { node: PanelRightOpen },
  'sidebar-open-left-alt': { node: PanelLeftDashed },
  'sidebar-open-right-alt': { node: PanelRightDashed },
  'sidebar-floating-left': { node: LayoutPanelLeft },
  'sidebar-floating-right': { node: LayoutPanelLeft, transform: 'matrix(-1 0 0 1 24 0)' },
  'sidebar-floating-open-left': { node: SquareChevronRight },
  'sidebar-floating-open-right': { node: SquareChevronLeft },
  'sidebar-collapse-left': { node: PanelLeftClose },
  'sidebar-collapse-right': { node: PanelRightClose },
  'collapse-left': { node: ArrowLeftToLine },
  'collapse-right': { node: ArrowRightToLine },
  'open-left': { node: ArrowLeftFromLine },
  'open-right': { node: ArrowRightFromLine },
  'double-chevron-left': { node: ChevronsLeft },
  'double-chevron-right': { node: ChevronsRight },
  'home': { node: House },
  'home-alt': { node: HouseHeart },
  'back-small': { node: ChevronLeft },
  'back-large': { node: ArrowLeft },
  'expand-large': { node: Maximize2 },
  'collapse-large': { node: Minimize2 },
  'expand-small': { node: Expand },
  'collapse-small': { node: Shrink },
  'chat-temporary': { node: MessageCircleDashed },
  'settings-cog': { node: Settings },
  'grid': { node: LayoutGrid },
  'dots-horizontal-circle': { node: CircleEllipsis },
  'dots-vertical-circle': { node: CircleEllipsis, transform: 'rotate(90 12 12)' },
  'menu': { node: Menu },
  'menu-inverted': { node: TextAlignEnd },
  'hamburger': { node: Menu },
  'history': { node: RotateCcwClock },
  'compose': { node: SquarePen },
  'share': { node: Share },
  'light-mode': { node: Sun },
  'dark-mode': { node: Moon },
  'close': { node: X },
  'arrow-up': { node: ArrowUp },
  'stop': { node: Square, fill: true },
  'copy': { node: Copy },
  'thumbs-up': { node: ThumbsUp },
  'thumbs-down': { node: ThumbsDown },
  'trash': { node: Trash },
  'mic': { node: Mic },
  'paperclip': { node: Paperclip },
  'at': { node: AtSign },
  'alert': { node: TriangleAlert },
  'sun': { node: Sun },
  'moon': { node: Moon },
};

/** Words for each built-in name (the accessible name of an icon that stands alone), in English. */
const LABELS: Record<string, string> = {
  agent: 'Agent', analytics: 'Analytics', atom: 'Atom', batch: 'Batch', bolt: 'Lightning bolt', 'book-open': 'Open book',
  'book-closed': 'Book', 'book-clock': 'Reading time', bug: 'Bug', calendar: 'Calendar', chart: 'Chart', check: 'Check mark',
  'check-circle': 'Completed', 'check-circle-filled': 'Completed', 'chevron-left': 'Previous', 'chevron-right': 'Next',
  'chevron-down': 'Expand', 'circle-question': 'Help', clock: 'Clock', compass: 'Compass', confetti: 'Celebration',
  cube: 'Cube', desktop: 'Desktop computer', document: 'Document', dot: 'Dot', 'dots-horizontal': 'More',
  'dots-vertical': 'More', 'empty-circle': 'Not started', 'external-link': 'Opens in a new window', globe: 'Globe',
  keys: 'Keys', lab: 'Laboratory flask', images: 'Images', info: 'Information', lifesaver: 'Support', lightbulb: 'Idea',
  mail: 'Email', 'map-pin': 'Location', maps: 'Map', mobile: 'Mobile phone', name: 'Name', notebook: 'Notebook',
  'notebook-pencil': 'Notes', 'page-blank': 'Blank page', phone: 'Phone', play: 'Play', plus: 'Add', profile: 'Profile',
  'profile-card': 'Contact card', reload: 'Reload', star: 'Star', 'star-filled': 'Starred', search: 'Search',
  sparkle: 'Sparkle', 'sparkle-double': 'Sparkles', 'square-code': 'Code', 'square-image': 'Image', 'square-text': 'Text',
  suitcase: 'Suitcase', 'settings-slider': 'Adjustments', user: 'User', wreath: 'Award', write: 'Write', 'write-alt': 'Edit',
  'write-alt2': 'Edit', 'sidebar-left': 'Sidebar', 'sidebar-right': 'Sidebar', 'sidebar-open-left': 'Open sidebar',
  'sidebar-open-right': 'Open sidebar', 'sidebar-open-left-alt': 'Open sidebar', 'sidebar-open-right-alt': 'Open sidebar',
  'sidebar-floating-left': 'Floating sidebar', 'sidebar-floating-right': 'Floating sidebar',
  'sidebar-floating-open-left': 'Open floating sidebar', 'sidebar-floating-open-right': 'Open floating sidebar',
  'sidebar-collapse-left': 'Collapse sidebar', 'sidebar-collapse-right': 'Collapse sidebar', 'collapse-left': 'Collapse',
  'collapse-right': 'Collapse', 'open-left': 'Open', 'open-right': 'Open', 'double-chevron-left': 'Collapse',
  'double-chevron-right': 'Expand', home: 'Home', 'home-alt': 'Home', 'back-small': 'Back', 'back-large': 'Back',
  'expand-large': 'Expand', 'collapse-large': 'Collapse', 'expand-small': 'Expand', 'collapse-small': 'Collapse',
  'chat-temporary': 'Temporary chat', 'settings-cog': 'Settings', grid: 'Apps', 'dots-horizontal-circle': 'More options',
  'dots-vertical-circle': 'More options', menu: 'Menu', 'menu-inverted': 'Menu', hamburger: 'Menu', history: 'History',
  compose: 'New chat', share: 'Share', 'light-mode': 'Light mode', 'dark-mode': 'Dark mode', close: 'Close',
  'arrow-up': 'Send', stop: 'Stop', copy: 'Copy', 'thumbs-up': 'Good', 'thumbs-down': 'Bad', trash: 'Delete',
  mic: 'Microphone', paperclip: 'Attachment', at: 'Mention', alert: 'Warning', sun: 'Light mode', moon: 'Dark mode',
};

/** The header buttons' names, mapped to the localized words for what the button does. */
const HEADER_LABEL: Record<string, keyof Strings> = {
  'sidebar-left': 'toggleSidebar', 'sidebar-right': 'toggleSidebar', 'sidebar-open-left': 'toggleSidebar',
  'sidebar-open-right': 'toggleSidebar', 'sidebar-open-left-alt': 'toggleSidebar', 'sidebar-open-right-alt': 'toggleSidebar',
  'sidebar-floating-left': 'toggleSidebar', 'sidebar-floating-right': 'toggleSidebar',
  'sidebar-floating-open-left': 'toggleSidebar', 'sidebar-floating-open-right': 'toggleSidebar',
  'sidebar-collapse-left': 'collapse', 'sidebar-collapse-right': 'collapse', 'collapse-left': 'collapse',
  'collapse-right': 'collapse', 'open-left': 'open', 'open-right': 'open', 'double-chevron-left': 'collapse',
  'double-chevron-right': 'expand', home: 'home', 'home-alt': 'home', 'back-small': 'back', 'back-large': 'back',
  'expand-large': 'expand', 'collapse-large': 'collapse', 'expand-small': 'expand', 'collapse-small': 'collapse',
  star: 'favorite', 'star-filled': 'favorite', bug: 'reportBug', 'chat-temporary': 'temporaryChat',
  'settings-cog': 'settings', grid: 'apps', 'dots-horizontal': 'moreOptions', 'dots-vertical': 'moreOptions',
  'dots-horizontal-circle': 'moreOptions', 'dots-vertical-circle': 'moreOptions', menu: 'menu', 'menu-inverted': 'menu',
  hamburger: 'menu', history: 'history', 'book-open': 'docs', compose: 'newChat', share: 'share',
  'light-mode': 'lightMode', 'dark-mode': 'darkMode', close: 'close',
};

/** Drawn for names nothing draws (e.g. "vendor:" icons, which only ChatKit.js's host page can supply). */
const FALLBACK: Glyph = { node: [['circle', { cx: '12', cy: '12', r: '9', 'stroke-dasharray': '3 3' }]] };

/** The bundled Lucide glyphs by their Lucide names, so "lucide:<name>" needs no fetch for these. */
const BUNDLED_LUCIDE: Record<string, IconNode> = {
  'arrow-left': ArrowLeft, 'arrow-left-from-line': ArrowLeftFromLine, 'arrow-left-to-line': ArrowLeftToLine,
  'arrow-right-from-line': ArrowRightFromLine, 'arrow-right-to-line': ArrowRightToLine, 'arrow-up': ArrowUp,
  'at-sign': AtSign, 'atom': Atom, 'award': Award, 'book': Book, 'book-open': BookOpen,
  'book-open-text': BookOpenText, 'bot': Bot, 'box': Box, 'briefcase': Briefcase, 'bug': Bug, 'calendar': Calendar,
  'chart-column': ChartColumn, 'chart-line': ChartLine, 'check': Check, 'chevron-down': ChevronDown,
  'chevron-left': ChevronLeft, 'chevron-right': ChevronRight, 'chevrons-left': ChevronsLeft,
  'chevrons-right': ChevronsRight, 'circle': Circle, 'circle-check': CircleCheck, 'circle-ellipsis': CircleEllipsis,
  'circle-question-mark': CircleQuestionMark, 'circle-user': CircleUser, 'clock': Clock, 'compass': Compass,
  'copy': Copy, 'dot': Dot, 'ellipsis': Ellipsis, 'ellipsis-vertical': EllipsisVertical, 'expand': Expand,
  'external-link': ExternalLink, 'file': FileGlyph, 'file-text': FileText, 'flask-conical': FlaskConical, 'globe': Globe,
  'house': House, 'house-heart': HouseHeart, 'id-card': IdCard, 'image': ImageGlyph, 'images': Images, 'info': Info,
  'key-round': KeyRound, 'layers': Layers, 'layout-grid': LayoutGrid, 'layout-panel-left': LayoutPanelLeft,
  'life-buoy': LifeBuoy, 'lightbulb': Lightbulb, 'mail': Mail, 'map': MapGlyph, 'map-pin': MapPin,
  'maximize-2': Maximize2, 'menu': Menu, 'message-circle-dashed': MessageCircleDashed, 'mic': Mic,
  'minimize-2': Minimize2, 'monitor': Monitor, 'moon': Moon, 'notebook': Notebook, 'notebook-pen': NotebookPen,
  'panel-left': PanelLeft, 'panel-left-close': PanelLeftClose, 'panel-left-dashed': PanelLeftDashed,
  'panel-left-open': PanelLeftOpen, 'panel-right': PanelRight, 'panel-right-close': PanelRightClose,
  'panel-right-dashed': PanelRightDashed, 'panel-right-open': PanelRightOpen, 'paperclip': Paperclip,
  'party-popper': PartyPopper, 'pen-line': PenLine, 'pencil': Pencil, 'phone': Phone, 'play': Play, 'plus': Plus,
  'refresh-cw': RefreshCw, 'rotate-ccw-clock': RotateCcwClock, 'search': Search, 'settings': Settings,
  'share': Share, 'shrink': Shrink, 'signature': Signature, 'sliders-horizontal': SlidersHorizontal,
  'smartphone': Smartphone, 'sparkle': Sparkle, 'sparkles': Sparkles, 'square': Square,
  'square-chevron-left': SquareChevronLeft, 'square-chevron-right': SquareChevronRight, 'square-code': SquareCode,
  'square-pen': SquarePen, 'square-text': SquareText, 'star': Star, 'sun': Sun, 'text-align-end': TextAlignEnd,
  'thumbs-down': ThumbsDown, 'thumbs-up': ThumbsUp, 'trash': Trash, 'triangle-alert': TriangleAlert, 'user': User,
  'x': X, 'zap': Zap,
};
const lucideByName = new Map<string, Glyph>(Object.entries(BUNDLED_LUCIDE).map(([k, node]) => [k, { node }]));
const lucideLoads = new Map<string, Promise<Glyph | null>>();

/** Resolves a name to its glyph, or undefined when nothing (yet) draws it. */
function glyphFor(name: string): Glyph | undefined {
  if (name.startsWith('lucide:')) return lucideByName.get(name.slice(7)) ?? GLYPHS[name.slice(7)];
  return GLYPHS[name];
}

/** Whether `name` draws a glyph of its own now (not the fallback). */
export function hasIcon(name: string): boolean {
  return glyphFor(name) !== undefined;
}

/** Words for an icon, for an accessible name: the built-in label, or the Lucide/vendor name spelled out. */
export function iconLabel(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const bare = name.replace(/^(lucide|vendor):/, '').replace(/[-_]+/g, ' ').trim();
  return bare ? bare.charAt(0).toUpperCase() + bare.slice(1) : 'Icon';
}

/** The localized words for a header button showing `name` (the header actions carry no label of their own). */
export function headerIconLabel(name: string, t: Strings): string {
  const key = HEADER_LABEL[name];
  return key ? t[key] : iconLabel(name);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const SHAPES = new Set(['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse']);
const ATTRS = /^(d|cx|cy|r|rx|ry|x|y|x1|x2|y1|y2|width|height|points|stroke-dasharray|transform)$/;

function shapes(g: Glyph): string {
  let out = '';
  let first = true;
  for (const [tag, attrs] of g.node) {
    if (!SHAPES.has(tag)) continue;
    out += `<${tag}`;
    // A solid glyph fills its outline; the marks drawn on it (a check in a disc) stand out in the background colour.
    if (g.fill) out += first ? ' fill="currentColor"' : ' fill="none" stroke="var(--ck-icon-contrast, #fff)"';
    first = false;
    for (const [k, v] of Object.entries(attrs)) if (v != null && ATTRS.test(k)) out += ` ${k}="${esc(String(v))}"`;
    out += '/>';
  }
  return g.transform ? `<g transform="${g.transform}">${out}</g>` : out;
}

function svg(g: Glyph, size: number, extra: string, label?: string): string {
  const a11y = label ? `role="img" aria-label="${esc(label)}"` : 'aria-hidden="true"';
  return `<svg class="ck-icon"${extra} width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" ${a11y} focusable="false">${shapes(g)}</svg>`;
}

/**
 * SVG markup for an icon. Decorative (aria-hidden) unless `label` is given, then it is an image with that name.
 * A "lucide:" name the bundle lacks renders empty at first and is drawn once the server's copy arrives.
 */
export function iconSvg(name: string | undefined, size = 16, label?: string): string {
  const key = name ?? 'dot';
  const g = glyphFor(key);
  if (g) return svg(g, size, ` data-icon="${esc(key)}"`, label);
  if (key.startsWith('lucide:') && /^[a-z0-9-]{1,64}$/.test(key.slice(7))) {
    void loadLucide(key.slice(7));
    return svg({ node: [] }, size, ` data-icon="${esc(key)}" data-ck-lucide="${key.slice(7)}"`, label);
  }
  return svg(FALLBACK, size, ` data-icon="${esc(key)}" data-icon-fallback=""`, label);
}

export function icon(name: string | undefined, size = 16, label?: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'ck-icon-wrap';
  span.innerHTML = iconSvg(name, size, label);
  return span;
}

/** Fetches one Lucide glyph from the server and draws it into every placeholder waiting for it. */
function loadLucide(name: string): Promise<Glyph | null> {
  let p = lucideLoads.get(name);
  if (!p) {
    p = fetchAsset<IconNode>(`icons/lucide/${name}.json`).then((node) => {
      const g: Glyph | null = Array.isArray(node) ? { node } : null;
      if (g) lucideByName.set(name, g);
      fillPlaceholders(name, g);
      return g;
    });
    lucideLoads.set(name, p);
  }
  return p;
}

function fillPlaceholders(name: string, g: Glyph | null): void {
  if (typeof document === 'undefined') return;
  const roots: ParentNode[] = [document];
  for (const el of Array.from(document.querySelectorAll('openai-chatkit'))) if (el.shadowRoot) roots.push(el.shadowRoot);
  for (const root of roots) {
    for (const s of Array.from(root.querySelectorAll(`svg[data-ck-lucide="${name}"]`))) {
      s.removeAttribute('data-ck-lucide');
      if (g) s.innerHTML = shapes(g);
      else {
        s.setAttribute('data-icon-fallback', '');
        s.innerHTML = shapes(FALLBACK);
      }
    }
  }
}

/** Every name that draws a glyph of its own (for tests and docs). */
export const ICON_NAMES: readonly string[] = Object.keys(GLYPHS);
