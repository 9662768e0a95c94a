/**
 * A fence agent's metadata as Pacemaker passes it on: re-serialised, with
 * start and stop actions added when missing, and its "action" parameter
 * made optional (the fencer supplies it).
 */
import { XmlElement } from '../cib/xml/node.js';
import { saxParser } from '../cib/xml/sax.js';
import { TextElement, serializeResult } from '../cli/output.js';

interface Draft {
  el: XmlElement;
  text: string;
}

/** Parses keeping text content (blank text between elements dropped, as libxml2 does with NOBLANKS). */
function parseWithText(text: string): XmlElement | null {
  const sax = saxParser();
  const stack: Draft[] = [];
  let root: XmlElement | null = null;
  sax.onopentag = (tag) => {
    const el = new XmlElement(tag.name, tag.attributes);
    if (stack.length > 0) stack[stack.length - 1]!.el.appendChild(el);
    else root = el;
    stack.push({ el, text: '' });
  };
  const addText = (t: string) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  };
  sax.ontext = addText;
  sax.oncdata = addText;
  sax.onclosetag = () => {
    const d = stack.pop()!;
    if (d.el.children.length > 0 || d.text.trim() === '') return;
    const withText = new TextElement(d.el.name, d.el.attrs, d.text);
    const parent = d.el.parent;
    if (parent) {
      const i = parent.children.indexOf(d.el);
      parent.children[i] = withText;
      withText.parent = parent;
    } else root = withText;
  };
  sax.onerror = (e) => {
    throw e;
  };
  try {
    sax.write(text).close();
  } catch {
    return null;
  }
  return root;
}

export function fenceMetadata(raw: string): string | null {
  const root = parseWithText(raw);
  if (!root) return null;
  const actions = [...root.walk()].find((e) => e.name === 'actions');
  if (actions && ![...root.walk()].some((e) => e.name === 'action' && e.attrs['name'] === 'stop')) {
    actions.add('action', { name: 'stop', timeout: '20s' });
    actions.add('action', { name: 'start', timeout: '20s' });
  }
  const action = [...root.walk()].find((e) => e.name === 'parameter' && e.attrs['name'] === 'action');
  if (action) action.attrs['required'] = '0';
  return serializeResult(root);
}
