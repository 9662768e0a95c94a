/**
 * Raised when the input uses a feature this scheduler does not implement
 * yet: callers report it plainly (exit code 3) instead of guessing.
 */
export class UnsupportedFeature extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFeature';
  }
}
