/**
 * Messages: turning Rasa's bot_uttered data into transcript entries, and entries into DOM.
 *
 * An entry is {from: "user" | "bot" | "advisor" | "system", text, language?, advisor?, choices?,
 * image?}; its bubble is marked with its ``language`` (lang="es"), its sender label with the
 * page's, whose words it is in.
 * Text is never parsed as HTML: links (markdown [title](url), bare http(s) URLs and email
 * addresses) and **bold** are built as elements, everything else is plain text.
 */

import { pageLanguage, say } from "./strings.js";

/** The transcript entry for one bot_uttered payload (its ``language``, "es", when it says), or
 * null when it shows nothing. */
export function entryFromBotMessage(data) {
  if (!data || typeof data !== "object") return null;
  const custom = data.custom && typeof data.custom === "object" ? data.custom : {};
  const entry = { from: custom.from === "advisor" ? "advisor" : "bot", text: data.text || "" };
  if (typeof data.language === "string" && data.language) entry.language = data.language;
  if (entry.from === "advisor") entry.advisor = custom.advisor || say("widget.advisor");
  const choices = data.quick_replies || data.buttons || [];
  if (choices.length) {
    entry.choices = choices
      .filter((choice) => choice && choice.title)
      .map((choice) => ({ title: String(choice.title), payload: String(choice.payload ?? choice.title) }));
  }
  const attachment = data.attachment;
  const imageSource = attachment?.type === "image" ? attachment.payload?.src : data.image;
  if (typeof imageSource === "string" && /^https?:\/\//.test(imageSource)) entry.image = imageSource;
  return entry.text || entry.choices?.length || entry.image ? entry : null;
}

const SENDER = {
  user: () => say("widget.sender.user"),
  bot: () => say("widget.sender.bot"),
  system: () => say("widget.sender.system"),
  advisor: (entry) => say("widget.sender.advisor", { name: entry.advisor }),
};

/** The list item for ``entry``; ``onChoice(choice)`` runs when one of its buttons is clicked. */
export function renderEntry(entry, onChoice) {
  const item = element("div", `msg msg-${entry.from}`);
  item.lang = entry.language || pageLanguage;
  const sender = element("p", entry.from === "advisor" ? "msg-from" : "msg-from visually-hidden");
  sender.textContent = SENDER[entry.from](entry);
  if (item.lang !== pageLanguage) sender.lang = pageLanguage;
  item.append(sender);
  if (entry.text) {
    const text = element("p", "msg-text");
    appendRichText(text, entry.text);
    item.append(text);
  }
  if (entry.image) {
    const image = element("img", "msg-image");
    image.src = entry.image;
    image.alt = say("widget.image_alt");
    item.append(image);
  }
  if (entry.choices?.length) {
    const group = element("div", "msg-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", say("widget.choices"));
    for (const choice of entry.choices) {
      const button = element("button", "msg-choice");
      button.type = "button";
      button.textContent = choice.title;
      button.addEventListener("click", () => onChoice(choice));
      group.append(button);
    }
    item.append(group);
  }
  return item;
}

const RICH_TEXT = new RegExp(
  [
    String.raw`\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)`, // [title](url)
    String.raw`(https?:\/\/[^\s<>]*[^\s<>.,;:!?)\]'"])`, // bare URL, without trailing punctuation
    String.raw`([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})`, // email address
    String.raw`\*\*([^*]+)\*\*`, // **bold**
  ].join("|"),
  "g",
);

function appendRichText(parent, text) {
  let last = 0;
  for (const match of text.matchAll(RICH_TEXT)) {
    parent.append(text.slice(last, match.index));
    const [whole, title, target, url, email, bold] = match;
    if (title) parent.append(link(title, target));
    else if (url) parent.append(link(url, url));
    else if (email) parent.append(link(email, `mailto:${email}`));
    else if (bold) parent.append(Object.assign(element("strong"), { textContent: bold }));
    last = match.index + whole.length;
  }
  parent.append(text.slice(last));
}

function link(text, href) {
  const anchor = element("a");
  anchor.href = href;
  anchor.textContent = text;
  if (!href.startsWith("mailto:")) {
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    const hint = element("span", "visually-hidden");
    hint.textContent = ` ${say("widget.new_tab")}`;
    anchor.append(hint);
  }
  return anchor;
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}
