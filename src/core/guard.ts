/**
 * Run a callback given by the page; its error is reported asynchronously (as an uncaught error the page
 * can see) instead of breaking Candor's own loop or throwing into the caller.
 */
export function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    setTimeout(() => {
      throw e;
    });
  }
}
