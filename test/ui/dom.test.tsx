/** @jsxRuntime classic */
/** @jsx h */
// The first layer's renderer (src/ui/dom.ts): what a re-render keeps, changes and removes.
import { afterEach, describe, expect, it, vi } from 'vitest';
// biome-ignore lint/correctness/noUnusedImports: classic JSX compiles to h() calls.
import { h, render } from '../../src/ui/dom';

let box: HTMLDivElement;
afterEach(() => box?.remove());
const mount = () => {
  box = document.createElement('div');
  document.body.append(box);
  return box;
};

describe('dom.ts render', () => {
  it('keeps the DOM nodes, and focus, when siblings before them appear and go', () => {
    const box = mount();
    const view = (extra: boolean) => (
      <div class="a">
        {extra && <p>note</p>}
        <button type="button">go</button>
      </div>
    );
    render(view(false), box);
    const button = box.querySelector('button')!;
    button.focus();
    render(view(true), box);
    expect(box.querySelector('button')).toBe(button);
    expect(box.querySelector('p')!.nextSibling).toBe(button);
    render(view(false), box);
    expect(box.querySelector('button')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(box.innerHTML).toBe('<div class="a"><button type="button">go</button></div>');
  });

  it('keeps the nodes after a list whose length changes', () => {
    const box = mount();
    const view = (n: number) => (
      <ul>
        {Array.from({ length: n }, (_, i) => (
          <li>{i}</li>
        ))}
        <li id="last">end</li>
      </ul>
    );
    render(view(1), box);
    const last = box.querySelector('#last');
    render(view(3), box);
    expect(box.querySelector('#last')).toBe(last);
    expect(Array.from(box.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['0', '1', '2', 'end']);
  });

  it('gives a new node when the key changes (a status text announced again), the same one otherwise', () => {
    const box = mount();
    render(<p role="status">{<span key={1}>Saved</span>}</p>, box);
    const first = box.querySelector('span');
    render(<p role="status">{<span key={1}>Saved</span>}</p>, box);
    expect(box.querySelector('span')).toBe(first);
    render(<p role="status">{<span key={2}>Saved</span>}</p>, box);
    expect(box.querySelector('span')).not.toBe(first);
    expect(box.querySelector('span')!.hasAttribute('key')).toBe(false);
  });

  it('writes attributes, aria-* false as "false", boolean properties as properties, and removes what goes', () => {
    const box = mount();
    const view = (on: boolean) => (
      <div role="dialog" aria-modal={on || undefined} inert={on} class={on ? 'x' : undefined}>
        <button type="button" aria-expanded={on} hidden={on} disabled={on} tabIndex={on ? -1 : undefined} />
        <input type="checkbox" checked={on} />
      </div>
    );
    render(view(true), box);
    const d = box.querySelector('div')!;
    const b = box.querySelector('button')!;
    const input = box.querySelector('input')!;
    expect([d.getAttribute('aria-modal'), d.hasAttribute('inert'), d.getAttribute('class')]).toEqual(['true', true, 'x']);
    expect([b.getAttribute('aria-expanded'), b.hidden, b.disabled, b.tabIndex]).toEqual(['true', true, true, -1]);
    expect(input.checked).toBe(true);
    render(view(false), box);
    expect(box.querySelector('button')).toBe(b);
    expect([d.hasAttribute('aria-modal'), d.hasAttribute('inert'), d.hasAttribute('class')]).toEqual([false, false, false]);
    expect([b.getAttribute('aria-expanded'), b.hasAttribute('hidden'), b.disabled, b.hasAttribute('tabindex')]).toEqual([
      'false',
      false,
      false,
      false,
    ]);
    expect(input.checked).toBe(false);
  });

  it('leaves attributes it did not set (data-more, set by the scroll cue)', () => {
    const box = mount();
    render(<div class="banner">a</div>, box);
    box.firstElementChild!.setAttribute('data-more', '');
    render(<div class="banner">b</div>, box);
    expect(box.firstElementChild!.hasAttribute('data-more')).toBe(true);
    expect(box.textContent).toBe('b');
  });

  it('calls the latest handler, one listener per event type, and none once removed', () => {
    const box = mount();
    const one = vi.fn();
    let target: EventTarget | null = null;
    const two = vi.fn((e: Event) => (target = e.currentTarget));
    render(<button type="button" onClick={one} onPointerEnter={one} />, box);
    const b = box.querySelector('button')!;
    render(<button type="button" onClick={two} onPointerEnter={one} />, box);
    b.click();
    expect(one).not.toHaveBeenCalled();
    expect(two).toHaveBeenCalledTimes(1);
    expect(target).toBe(b);
    b.dispatchEvent(new Event('pointerenter'));
    expect(one).toHaveBeenCalledTimes(1);
    render(<button type="button" />, box);
    b.click();
    expect(two).toHaveBeenCalledTimes(1);
  });

  it('renders text as text, skips null, false and true, calls function components with children', () => {
    const box = mount();
    const Item = ({ label, children }: { label: string; children?: unknown }) => (
      <em title={label}>
        {children as string}
        {label}
      </em>
    );
    render(
      <p>
        {'<b>x</b>'}
        {null}
        {false}
        {true}
        {0}
        <Item label="L">c</Item>
      </p>,
      box,
    );
    expect(box.innerHTML).toBe('<p>&lt;b&gt;x&lt;/b&gt;0<em title="L">cL</em></p>');
    const em = box.querySelector('em');
    render(
      <p>
        {'y'}
        {null}
        {false}
        {true}
        {null}
        <Item label="M">c</Item>
      </p>,
      box,
    );
    expect(box.querySelector('em')).toBe(em);
    expect(box.innerHTML).toBe('<p>y<em title="M">cM</em></p>');
  });

  it('places a DOM node child as it is and leaves its content to its owner', () => {
    const box = mount();
    const center = document.createElement('div');
    render(<div>{center}</div>, box);
    center.innerHTML = '<p>owned elsewhere</p>';
    render(
      <div>
        <span>before</span>
        {center}
      </div>,
      box,
    );
    expect(box.firstElementChild!.lastChild).toBe(center);
    expect(center.innerHTML).toBe('<p>owned elsewhere</p>');
    render(null, box);
    expect(box.childNodes.length).toBe(0);
  });

  it("draws into another window's document (an iframe), a DOM node of that document included", () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const doc = frame.contentDocument!;
    const center = doc.createElement('section');
    render(
      <div class="root">
        <p>text</p>
        {center}
      </div>,
      doc.body,
    );
    expect(doc.body.innerHTML).toBe('<div class="root"><p>text</p><section></section></div>');
    expect(doc.body.firstElementChild!.lastChild).toBe(center);
    frame.remove();
  });
});
