/** Why a rules author's regular expression does not compile, or undefined when it does. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

export const REGEX_HINT = 'write a JavaScript regular expression; escape special characters such as ( ) [ ] . with a backslash, e.g. \\b20\\d{2}\\b';
