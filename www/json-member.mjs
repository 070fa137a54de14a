// Cutting a member out of a JSON object's text without touching the rest of it (a JSON
// round trip would rewrite numbers such as 0.30000000000000001), for the merchant preview.

/** The members of the JSON object `text`: each key, where the member starts (its key's
 * quote), where its value ends, and where its separator (`,` or `}`) is. */
function members(text) {
  const out = [];
  let depth = 0;
  let inString = false;
  let member = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') {
        inString = false;
        if (member && member.keyEnd < 0) member.keyEnd = i + 1;
      }
    } else if (c === '"') {
      inString = true;
      if (depth === 1 && !member) member = { start: i, keyEnd: -1 };
    } else if (c === '{' || c === '[') {
      depth += 1;
    } else if ((c === ',' && depth === 1) || ((c === '}' || c === ']') && depth-- === 1)) {
      if (member) {
        let valueEnd = i;
        while (/\s/.test(text[valueEnd - 1])) valueEnd -= 1;
        out.push({ ...member, valueEnd, separator: i, key: JSON.parse(text.slice(member.start, member.keyEnd)) });
      }
      member = null;
    }
  }
  return out;
}

/**
 * `text` (a JSON object) without its top-level member `name`, every other character kept as
 * typed (so each digit of each amount stays exact): the sample cart is for this preview, and
 * the embed snippet must never carry it to shoppers. The text itself when it is not a JSON
 * object or has no such member.
 */
export function withoutMember(text, name) {
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return text;
  } catch {
    return text;
  }
  const all = members(text);
  const at = all.findIndex((m) => m.key === name);
  const m = all[at];
  const cut = at < all.length - 1 ? [m.start, all[at + 1].start] // up to the next member
    : at > 0 ? [all[at - 1].separator, m.valueEnd] // from the comma before it
      : [m.start, m.valueEnd];
  return withoutMember(text.slice(0, cut[0]) + text.slice(cut[1]), name);
}
