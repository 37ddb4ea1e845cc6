/**
 * An evolution event's stored error in plain words. The engine replays the reference's principle edits
 * with Python's semantics, so a reply of an odd shape fails the way the reference's Python would
 * ("TypeError: unhashable type: 'slice'"); that text is kept on the event for the evolution view, but a
 * summary shows what happened instead of an exception.
 */
const PYTHON_ERROR = /^(TypeError|KeyError|ValueError|AttributeError|Exception): /;

export function describeEventError(error: string): string {
  if (!PYTHON_ERROR.test(error)) return error;
  return "the model's reply had a shape its edits could not be applied from (the reference script stops on it too); the evolution view shows the reply";
}
