declare module 'xml2js/lib/parser.js' {
  /** xml2js's Parser (the package's main module re-exports it); see @types/xml2js. */
  export { Parser } from 'xml2js';
}
