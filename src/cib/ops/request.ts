/**
 * What a CIB operation is asked to do and what it answers. The same shapes
 * serve the tools working on files and, later, the daemon's CIB manager.
 */
import type { ValidationResult } from '../schema/validate.js';
import type { XmlElement } from '../xml/node.js';

export type CibOperation = 'query' | 'create' | 'modify' | 'replace' | 'delete' | 'erase' | 'bump' | 'upgrade' | 'patch';

export interface CibRequest {
  op: CibOperation;
  /** A section name (--scope); unknown names mean the whole CIB. */
  scope?: string;
  /** An XPath selecting the targets instead of a section (--xpath). */
  xpath?: string;
  /** The XML the operation works with (--xml-text, --xml-file, --xml-pipe). */
  input?: XmlElement;
  /** modify: add the object when nothing matches (--allow-create). */
  allowCreate?: boolean;
  /** query: leave children out (--no-children). */
  noChildren?: boolean;
  /** query by XPath: answer with the paths of the matches (--node-path). */
  nodePath?: boolean;
  /** delete by XPath: every match, not only the first (--delete-all). */
  all?: boolean;
}

export interface CibReply {
  /** The CIB after the operation: the given tree itself when nothing changed. */
  cib: XmlElement;
  /** Whether the CIB changed and needs writing. */
  changed: boolean;
  /** The operation's answer (a query's result). */
  output?: XmlElement;
}

/** Schema validation as the operations need it: src/cib/schema's validateCib, or a stand-in. */
export type Validator = (cib: XmlElement) => ValidationResult;
