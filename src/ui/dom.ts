/**
 * The first layer's renderer (issue #16): the banner and the status line need an element factory for classic
 * JSX and a render that patches the DOM in place, not a component library — they keep no state of their own
 * (mount.ts holds it and renders from the top). Preact comes with the preference center, in its own chunk.
 *
 * `render(vnode, parent)` makes `parent`'s children match `vnode`, synchronously. A child keeps its DOM node
 * while it stays in the same place — the same position in the same parent (a nested array is one position,
 * so a list before it may change length), the same tag and the same `key` — so focus, scroll and attributes
 * set by others (`data-more`) survive a re-render; nodes that stay are never moved. A changed `key` gives a
 * new node (a status text announced again). Function components are called at once, with `children`.
 * Props: `on<Event>` are listeners, one per event type; a prop the element has as a boolean property
 * (`hidden`, `inert`, `disabled`, `checked`) is set as that property; the others are attributes, removed
 * when null, undefined or false, except `aria-*`, where false is "false". A DOM node as a child is placed
 * as it is and its content left to its owner (the preference center's container).
 */
// Types only (erased): rollup.config.mjs fails the build if candor-ui.js bundles Preact.
import * as preact from 'preact';

type Props = { [name: string]: any };
interface VNode {
  type: string | ((props: any) => unknown);
  props: Props;
}
/** What this renderer keeps on the nodes it placed: position, tag (`#` for text), props and listeners. */
type Placed = Node & { _k?: string; _t?: string; _p?: Props; _l?: Props };

/** The element factory of classic JSX (`/** @jsx h *\/`); JSX types are Preact's, which this follows. */
export function h(type: VNode['type'], props: Props | null, ...children: unknown[]): preact.JSX.Element {
  return { type, props: { ...props, children } } as VNode as never;
}
export declare namespace h {
  export import JSX = preact.JSX;
}

function listener(this: Placed, e: Event) {
  this._l![e.type](e);
}

function set(el: Element & Placed, name: string, value: any, old: any) {
  if (name == 'children' || name == 'key') return;
  if (name[0] == 'o' && name[1] == 'n') {
    const type = name.slice(2).toLowerCase();
    (el._l ||= {})[type] = value;
    if (!value) el.removeEventListener(type, listener);
    else if (!old) el.addEventListener(type, listener);
  } else if (typeof (el as any)[name] == 'boolean') (el as any)[name] = !!value;
  else if (value == null || (value === false && name.slice(0, 5) != 'aria-')) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** Flattens `children` into [position, child] pairs, calling function components. */
function flat(children: unknown, at: string, out: [string, unknown][]) {
  if (Array.isArray(children)) children.forEach((c, i) => flat(c, at + '.' + i, out));
  else if (children && typeof (children as VNode).type == 'function')
    flat(((children as VNode).type as (props: Props) => unknown)((children as VNode).props), at, out);
  else if (children != null && typeof children != 'boolean') out.push([at, children]);
  return out;
}

function patch(parent: Node, children: unknown) {
  const doc = parent.ownerDocument!;
  const was = Array.from(parent.childNodes) as Placed[];
  const old: { [at: string]: Placed } = {};
  for (const n of was) old[n._k!] = n;
  const nodes = flat(children, '', []).map(([at, c]) => {
    const vnode = c as VNode;
    // A DOM node, told by nodeType (not instanceof: `doc` may be another window's document).
    const raw = typeof c == 'object' && (c as Node).nodeType ? (c as Placed) : undefined;
    const key = typeof c == 'object' && !raw ? vnode.props.key : undefined;
    const k = at + (key != null ? '#' + key : '');
    const tag = raw ? '' : typeof c == 'object' ? (vnode.type as string) : '#';
    let node: Placed | undefined = old[k];
    if (raw) node = raw;
    else if (!node || node._t != tag) node = tag == '#' ? doc.createTextNode('') : doc.createElement(tag);
    node._k = k;
    node._t = tag;
    if (tag == '#') {
      if (node.nodeValue != String(c)) node.nodeValue = String(c);
    } else if (tag) {
      const before = node._p || {};
      const props = vnode.props;
      for (const name in before) if (!(name in props)) set(node as Element, name, null, before[name]);
      for (const name in props) if (props[name] !== before[name]) set(node as Element, name, props[name], before[name]);
      node._p = props;
      patch(node, props.children);
    }
    return node;
  });
  // Remove first, then place: what stays is already in order, so it is never moved (focus stays on it).
  const keep = new Set(nodes);
  for (const n of was) if (!keep.has(n)) parent.removeChild(n);
  let next = parent.firstChild;
  for (const node of nodes) {
    if (node != next) parent.insertBefore(node, next);
    else next = next.nextSibling;
  }
}

/** Draws `vnode` (null: nothing) into `parent`, patching what an earlier call drew there. */
export const render = (vnode: unknown, parent: Node) => patch(parent, vnode);
