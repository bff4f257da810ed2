/**
 * What the page's scripts say, in the page's language: the page puts its messages in a
 * <script type="application/json" id="page-messages"> (web/site/language.py):
 * {language, messages: {key: text or plural forms}, languages: {code: {name, replying}}}.
 * ``say(key, values)`` fills a message's {placeholders}; a plural one picks its form by
 * ``values.count`` with the language's plural rules.
 */
const page = JSON.parse(document.getElementById("page-messages")?.textContent || "{}");

/** The page's language ("es"). */
export const pageLanguage = page.language || document.documentElement.lang || "en";

/** Each offered language: {name: "Español", replying: "Ahora te respondo en español."}. */
export const languages = page.languages || {};

export function say(key, values = {}) {
  let entry = page.messages?.[key] ?? key;
  const filled = { ...values };
  if (typeof entry === "object") {
    entry = entry[new Intl.PluralRules(pageLanguage).select(values.count)] ?? entry.other;
    filled.count = new Intl.NumberFormat(pageLanguage).format(values.count);
  }
  return entry.replace(/\{(\w+)\}/g, (whole, name) => (name in filled ? String(filled[name]) : whole));
}
