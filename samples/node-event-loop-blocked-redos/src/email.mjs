// The sign-up form's e-mail check, as the team copied it years ago from a snippet collection. Its
// `(([\-.]|[_]+)?([a-zA-Z0-9]+))*` group can split a run of letters in exponentially many ways, and V8's
// backtracking engine tries them all before it says "no" to a string that cannot match (a long run of
// letters ending in a character the pattern refuses): catastrophic backtracking, run synchronously on
// the event loop.
export const EMAIL =
  // eslint-disable-next-line no-useless-escape -- kept as it was copied (`\-` in a class is a plain '-')
  /^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$/;

export function isValidEmail(s) {
  return typeof s === 'string' && s.length <= 254 && EMAIL.test(s);
}
