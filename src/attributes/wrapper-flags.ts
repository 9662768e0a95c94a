/**
 * The options crm_standby and crm_master share (both front ends of
 * crm_attribute for one attribute), with the wording of what differs.
 */
import { opt, sw } from '../cli/flags.js';

export function wrapperFlags(words: { query: string; update: string; delete: string; lifetime: string; id: string }) {
  return {
    quiet: sw('q', 'Print only the value (queries)'),
    'quiet-legacy': sw('Q', 'Same as --quiet', { hidden: true }),
    query: sw('G', words.query, { group: 'Commands' }),
    update: opt('v', 'VALUE', words.update, { group: 'Commands' }),
    delete: sw('D', words.delete, { group: 'Commands' }),
    node: opt('N', 'NODE', 'Work on this node instead of the local one', { group: 'Additional Options' }),
    lifetime: opt('l', 'LIFETIME', words.lifetime, { group: 'Additional Options' }),
    id: opt('i', 'VALUE', words.id, { group: 'Additional Options' }),
    uname: opt('U', 'NODE', 'Old name of --node', { hidden: true }),
    'get-value': sw(undefined, 'Old name of --query', { hidden: true }),
    'delete-attr': sw(undefined, 'Old name of --delete', { hidden: true }),
    'attr-value': opt(undefined, 'VALUE', 'Old name of --update', { hidden: true }),
    'attr-id': opt(undefined, 'VALUE', 'Old name of --id', { hidden: true }),
  };
}
