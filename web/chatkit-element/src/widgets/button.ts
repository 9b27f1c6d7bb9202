// Button: style, color, variant, size and iconSize as in ChatKit.js's types; submit buttons submit their form.
import type { Button } from './types';
import type { Scope } from './context';
import { el, isAction, oneOf, str } from './dom';
import { iconLabel, iconSvg } from '../icons';

const SIZES = ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;
/** Icon pixels per iconSize, and the default icon size of each button size. */
const ICON_PX: Record<string, number> = { sm: 14, md: 16, lg: 18, xl: 20, '2xl': 24 };
const ICON_FOR_SIZE: Record<string, string> = { '3xs': 'sm', '2xs': 'sm', xs: 'sm', sm: 'sm', md: 'md', lg: 'md', xl: 'lg', '2xl': 'lg', '3xl': 'xl' };

export function renderButton(n: Button, s: Scope): HTMLElement {
  const b = el('button', 'ck-btn');
  b.type = n.submit ? 'submit' : 'button';
  // `style` is the older shorthand: primary is a solid primary button, secondary an outlined secondary one.
  const secondary = n.style === 'secondary';
  b.classList.add(secondary ? 'ck-btn-secondary' : 'ck-btn-primary');
  const colour = oneOf(n.color, ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'] as const);
  const variant = oneOf(n.variant, ['solid', 'soft', 'outline', 'ghost'] as const);
  if (colour || variant) {
    b.dataset.color = colour ?? (secondary ? 'secondary' : 'primary');
    b.dataset.variant = variant ?? (secondary ? 'outline' : 'solid');
  }
  const size = oneOf(n.size, SIZES) ?? 'md';
  b.dataset.size = size;
  if (n.pill) b.classList.add('ck-pill');
  if (n.block) b.classList.add('ck-block');
  if (n.uniform) b.classList.add('ck-uniform');
  if (n.disabled) b.disabled = true;
  const iconSize = oneOf(n.iconSize, ['sm', 'md', 'lg', 'xl', '2xl'] as const) ?? ICON_FOR_SIZE[size];
  b.dataset.iconSize = iconSize;
  const px = ICON_PX[iconSize];
  if (n.iconStart) b.insertAdjacentHTML('beforeend', iconSvg(str(n.iconStart), px));
  if (n.label != null) b.append(el('span', 'ck-btn-label', str(n.label)));
  if (n.iconEnd) b.insertAdjacentHTML('beforeend', iconSvg(str(n.iconEnd), px));
  // An icon-only button is named by its icon, in words ("Check circle"), not by the icon's id.
  if (!n.label) b.setAttribute('aria-label', iconLabel(str(n.iconStart ?? n.iconEnd, 'button')));
  const action = n.onClickAction;
  if (isAction(action)) {
    b.dataset.actionType = action.type;
    const form = s.form as HTMLFormElement | null;
    if (n.submit && form) {
      // A submit button with its own action fires it with the form's values, once the form is valid.
      b.addEventListener('click', (ev) => {
        if (!form.reportValidity?.()) return;
        ev.preventDefault();
        s.fire(action, b, 'click');
      });
    } else {
      b.addEventListener('click', () => s.fire(action, b, 'click'));
    }
  }
  return b;
}
