/**
 * Messages: turning Rasa's bot_uttered data into transcript entries, and entries into DOM.
 *
 * An entry is {from: "user" | "bot" | "advisor" | "system", text, advisor?, choices?, image?}.
 * Text is never parsed as HTML: links (markdown [title](url), bare http(s) URLs and email
 * addresses) and **bold** are built as elements, everything else is plain text.
 */

/** The transcript entry for one bot_uttered payload, or null when it shows nothing. */
export function entryFromBotMessage(data) {
  if (!data || typeof data !== "object") return null;
  const custom = data.custom && typeof data.custom === "object" ? data.custom : {};
  const entry = { from: custom.from === "advisor" ? "advisor" : "bot", text: data.text || "" };
  if (entry.from === "advisor") entry.advisor = custom.advisor || "Advisor";
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
  user: () => "You said:",
  bot: () => "Assistant:",
  system: () => "Note:",
  advisor: (entry) => `${entry.advisor}, advisor`,
};

/** The list item for ``entry``; ``onChoice(choice)`` runs when one of its buttons is clicked. */
export function renderEntry(entry, onChoice) {
  const item = element("div", `msg msg-${entry.from}`);
  const sender = element("p", entry.from === "advisor" ? "msg-from" : "msg-from visually-hidden");
  sender.textContent = SENDER[entry.from](entry);
  item.append(sender);
  if (entry.text) {
    const text = element("p", "msg-text");
    appendRichText(text, entry.text);
    item.append(text);
  }
  if (entry.image) {
    const image = element("img", "msg-image");
    image.src = entry.image;
    image.alt = "Image from the assistant";
    item.append(image);
  }
  if (entry.choices?.length) {
    const group = element("div", "msg-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
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
    hint.textContent = " (opens in a new tab)";
    anchor.append(hint);
  }
  return anchor;
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}
