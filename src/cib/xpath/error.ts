/** A malformed XPath expression, or one that cannot be evaluated. */
export class XPathError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    /** Offset of the offending token in the expression, when known. */
    readonly at?: number,
  ) {
    super(at === undefined ? `${message} in '${expression}'` : `${message} at offset ${at} in '${expression}'`);
    this.name = 'XPathError';
  }
}
