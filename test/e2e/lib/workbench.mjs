// Helpers that drive the VS Code workbench in the browser as a person would: keyboard, mouse, and what
// is visible on screen. Every wait is bounded; a helper that gives up throws with what it saw.
//
// Selectors are VS Code's own DOM (code-server 4.139 / VS Code 1.139). Playwright's CSS selectors pierce
// open shadow roots, which VS Code uses for some menus.

const SHORT = 10_000;
const LONG = 30_000;

/** Waits until the workbench is usable: the status bar is shown and the explorer lists the workspace. */
export async function waitForWorkbench(page, { timeoutMs = 60_000 } = {}) {
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: timeoutMs });
  await page.locator(".statusbar").waitFor({ state: "visible", timeout: timeoutMs });
  await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ state: "visible", timeout: timeoutMs });
}

/** Opens a workspace file with Ctrl+P (Go to File) and waits for its editor tab to be active. */
export async function openFile(page, name, { timeoutMs = LONG } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: SHORT });
  await input.fill(name);
  // Wait for the matching result, so Enter does not open whatever was listed before.
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first();
  await row.waitFor({ state: "visible", timeout: timeoutMs });
  await page.keyboard.press("Enter");
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: "visible", timeout: timeoutMs });
  await editor(page).waitFor({ state: "visible", timeout: timeoutMs });
}

/** The active editor's Monaco element. */
export function editor(page) {
  return page.locator(".editor-group-container.active .monaco-editor").first();
}

/** Runs a command from the Command Palette by its label (e.g. "View: Close All Editors"). */
export async function runCommand(page, label, { timeoutMs = SHORT } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: SHORT });
  await input.fill(`>${label}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { has: page.locator(".label-name", { hasText: label }) }).first();
  await row.waitFor({ state: "visible", timeout: timeoutMs });
  await row.click();
  await input.waitFor({ state: "hidden", timeout: SHORT }).catch(() => undefined);
}

/** The language mode shown in the status bar for the active editor (e.g. "SageMaker Pipeline"). */
export async function statusBarLanguage(page) {
  const item = page.locator("#status\\.editor\\.mode");
  await item.waitFor({ state: "visible", timeout: SHORT });
  return (await item.innerText()).trim();
}

/** Waits until the status bar's language mode equals `name`. */
export async function waitForLanguageMode(page, name, { timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the status bar language mode to be "${name}"`,
    async () => {
      const text = await statusBarLanguage(page).catch(() => "");
      return text === name ? text : { failed: text };
    },
    timeoutMs,
  );
}

/**
 * Scrolls the active editor to the first occurrence of `text` (with the Find widget, as a person would)
 * and returns the on-screen box of that occurrence. `occurrence` picks a later match (1-based).
 * The match is checked against the rendered text (same case, same place): a search that found another
 * spelling (Match Case not in effect, e.g. `"train"` for `"Train"`) is repeated.
 */
export async function revealText(page, text, { occurrence = 1 } = {}) {
  let seen = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const selection = await findWithMatchCase(page, text, occurrence);
    const boxes = await visibleTextBoxes(page, text);
    if (!selection) {
      // No single selection highlight to go by: the first occurrence on screen, if any (first match only).
      if (occurrence === 1 && boxes.length) return boxes[0];
      seen = "no selection after the search";
      continue;
    }
    const hit = boxes.find(
      (b) => Math.abs(b.y + b.height / 2 - (selection.y + selection.height / 2)) < selection.height / 2 && Math.abs(b.x - selection.x) < 4,
    );
    if (hit) return hit;
    seen = `the selection at ${Math.round(selection.x)},${Math.round(selection.y)} is not on ${JSON.stringify(text)} (on screen at: ${boxes.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`).join(" ") || "nowhere"})`;
  }
  throw new Error(`could not reveal ${JSON.stringify(text)} (occurrence ${occurrence}) with the Find widget: ${seen}`);
}

/** Ctrl+Home, Ctrl+F with Match Case on, the text, Enter to later matches, Escape; the selection's box or undefined. */
async function findWithMatchCase(page, text, occurrence) {
  const find = page.locator(".editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input").first();
  // A key press can be lost while another part of the workbench takes the focus back (seen once in Restricted
  // Mode, right after the Problems panel filled): focus the editor and press Ctrl+F again until the widget shows.
  const deadline = Date.now() + SHORT;
  for (;;) {
    await focusEditor(page);
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Control+F");
    const shown = await find.waitFor({ state: "visible", timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (Date.now() > deadline) throw new Error(`timed out after ${SHORT / 1000} s waiting for the Find widget after Ctrl+F`);
  }
  // Match case, so that "Train" does not find "train" first. A click while the widget slides in can miss:
  // click until the toggle says it is on.
  const matchCase = page.locator('.editor-group-container.active .find-widget .monaco-custom-toggle[aria-label^="Match Case"]').first();
  await waitUntil(
    page,
    "the Find widget's Match Case toggle to be on",
    async () => {
      const state = await matchCase.getAttribute("aria-checked", { timeout: SHORT });
      if (state === "true") return true;
      await matchCase.click({ timeout: SHORT });
      return { failed: `aria-checked=${state}` };
    },
    SHORT,
    300,
  );
  // Typing a new search string moves the selection to the first match after the cursor; the same
  // string as last time would not count as a change, hence the empty string first.
  await find.fill("");
  await find.fill(text);
  for (let i = 1; i < occurrence; i++) await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  // The Find widget left the match selected: its selection highlight is where the text is on screen.
  return waitUntil(
    page,
    `"${text}" to be selected`,
    async () => {
      const boxes = await page
        .locator(".editor-group-container.active .monaco-editor .view-overlays .selected-text")
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
      return boxes.length === 1 && boxes[0].width > 0 ? boxes[0] : undefined;
    },
    SHORT,
  ).catch(() => undefined);
}

/**
 * Moves keyboard focus into the active editor (View: Focus First Editor Group). A key press can land while a webview
 * (the graph) still holds the focus and be lost there, so the press is repeated until the editor has the focus.
 */
export async function focusEditor(page) {
  const focused = page.locator(".editor-group-container.active .monaco-editor.focused");
  const deadline = Date.now() + SHORT;
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press("Control+1");
    const shown = await focused.waitFor({ state: "visible", timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${SHORT / 1000} s waiting for the editor to take the keyboard focus`);
  }
}

/** The on-screen box of `text` in the active editor's rendered lines (it must be scrolled into view). */
export async function textBox(page, text, occurrence = 1, { timeoutMs = SHORT } = {}) {
  return waitUntil(
    page,
    `"${text}" to be visible in the editor`,
    async () => {
      const boxes = await visibleTextBoxes(page, text);
      return boxes.length >= occurrence ? boxes[occurrence - 1] : undefined;
    },
    timeoutMs,
  );
}

/**
 * The on-screen boxes of every occurrence of `text` (exact case) in the active editor's rendered lines, top to
 * bottom: `{ x, y, width, height, line, column, lineText }` (`line`: the number in the gutter beside it, when line
 * numbers are shown; `column`: 0-based offset of the occurrence in `lineText`, the rendered line).
 */
export async function visibleTextBoxes(page, text) {
  return page.evaluate((text) => {
    const editor = document.querySelector(".editor-group-container.active .monaco-editor");
    const root = editor?.querySelector(".view-lines");
    if (!root) return [];
    const numbers = [...editor.querySelectorAll(".margin-view-overlays .line-numbers")].map((n) => ({
      top: n.getBoundingClientRect().top,
      line: Number(n.textContent.trim()),
    }));
    const lines = [...root.querySelectorAll(".view-line")].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const boxes = [];
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: all.length });
        all += n.textContent.replace(/\u00a0/g, " ");
      }
      const at = (offset) => {
        const hit = nodes.findLast((x) => x.start <= offset);
        return [hit.node, offset - hit.start];
      };
      const top = line.getBoundingClientRect().top;
      const number = numbers.find((n) => Math.abs(n.top - top) < 2)?.line;
      for (let index = all.indexOf(text); index >= 0; index = all.indexOf(text, index + 1)) {
        const range = document.createRange();
        range.setStart(...at(index));
        const end = at(index + text.length - 1);
        range.setEnd(end[0], end[1] + 1);
        const r = range.getBoundingClientRect();
        if (r.width > 0)
          boxes.push({ x: r.x, y: r.y, width: r.width, height: r.height, line: Number.isFinite(number) ? number : undefined, column: index, lineText: all });
      }
    }
    return boxes;
  }, text);
}

/**
 * Where the occurrence of `text` found earlier at `box` (from revealText) is on screen now: the same line and
 * column. Lines move after a reveal, e.g. when code lenses arrive (each pushes the lines below it down), so a
 * box taken once can point at another line a second later. Undefined when that line is not rendered any more.
 */
export async function relocateText(page, text, box) {
  const boxes = await visibleTextBoxes(page, text);
  if (box.line === undefined) return boxes.sort((a, b) => Math.hypot(a.x - box.x, a.y - box.y) - Math.hypot(b.x - box.x, b.y - box.y))[0];
  return boxes.find((b) => b.line === box.line && b.column === box.column);
}

/**
 * The texts of the hover widgets shown now (rendered, not hidden), the active editor's first. VS Code keeps
 * several `.monaco-hover` elements in the page (content hover, glyph margin hover, workbench hovers), so the first
 * one in the DOM is not necessarily the one on screen.
 */
export async function visibleHoverTexts(page) {
  return page.evaluate(() => {
    const shown = [];
    for (const content of document.querySelectorAll(".monaco-hover:not(.hidden) .monaco-hover-content")) {
      const hover = content.closest(".monaco-hover");
      const r = content.getBoundingClientRect();
      let hidden = false;
      for (let e = content; e && e !== document.body; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.display === "none" || style.visibility === "hidden") hidden = true;
      }
      if (hidden || r.width === 0 || r.height === 0) continue;
      const inEditor = Boolean(hover.closest(".editor-group-container.active"));
      shown.push({ text: content.innerText.trim(), inEditor });
    }
    return shown.sort((a, b) => Number(b.inEditor) - Number(a.inEditor)).map((h) => h.text);
  });
}

/**
 * Shows the hover on `text` and returns its text once it shows; with `expect` (string or RegExp), once it
 * contains that. The text is found with the Find widget (revealText); then the mouse moves onto it (approaching
 * from the left, as a hand does) and rests. Each try looks up where the text is now (lines move when code lenses
 * arrive). When two mouse tries in a row show no hover at all, the next try clicks into the text and asks for
 * the hover with the keyboard (Ctrl+K Ctrl+I, "Show or Focus Hover"): the same hover provider, the same widget,
 * the same check of its text. `log` (optional) gets a line when a keyboard try or a moved text was needed.
 */
export async function hoverAtText(page, text, { occurrence = 1, expect, timeoutMs = LONG, log = () => undefined } = {}) {
  let box = await revealText(page, text, { occurrence });
  const deadline = Date.now() + timeoutMs;
  let last = "";
  let silentMouseTries = 0;
  const tries = [];
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const now = await relocateText(page, text, box);
    if (!now) {
      tries.push(`‹${text}› not on screen at line ${box.line}: revealed again`);
      box = await revealText(page, text, { occurrence });
      continue;
    }
    if (Math.abs(now.y - box.y) > 1 || Math.abs(now.x - box.x) > 1) {
      const moved = `‹${text}› (line ${now.line}) moved from ${Math.round(box.x)},${Math.round(box.y)} to ${Math.round(now.x)},${Math.round(now.y)} ${attempt ? `during try ${attempt}` : "since it was revealed"}`;
      tries.push(moved);
      log(`(hover) ${moved}`);
    }
    box = now;
    const x = box.x + Math.min(box.width / 2, 12);
    const y = box.y + box.height / 2;
    const byKeyboard = silentMouseTries >= 2;
    if (byKeyboard) {
      // The cursor into the text (a click, no double-click), then the keyboard command.
      await page.mouse.click(x, y);
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      silentMouseTries = 0;
    } else {
      // Away from the text, then onto it in small steps: Monaco shows the hover after the mouse rests.
      await page.mouse.move(x - 40, y + (attempt % 2 ? 40 : 0));
      await page.waitForTimeout(150);
      await page.mouse.move(x, y, { steps: 8 });
      // The editor creates its hover controller on the first mouse move it sees: move once more.
      await page.waitForTimeout(300);
      await page.mouse.move(x + 1, y);
    }
    let sawHover = false;
    let movedAway = false;
    const until = Math.min(deadline, Date.now() + 4000);
    while (Date.now() < until && !movedAway) {
      const shown = await visibleHoverTexts(page).catch(() => []);
      if (shown.length) {
        sawHover = true;
        last = shown.find((t) => !expect || matches(t, expect)) ?? shown[0];
        if (last && !/^Loading/.test(last) && (!expect || matches(last, expect))) {
          if (byKeyboard) log(`(hover) the mouse showed no hover on ‹${text}› in 2 tries; shown with Ctrl+K Ctrl+I (tries: ${tries.join("; ") || "-"})`);
          return last;
        }
      }
      // The text moved away from under the mouse (code lenses arrived above it): try again where it is now.
      const here = await relocateText(page, text, box).catch(() => undefined);
      movedAway = !here || Math.abs(here.y - box.y) > 1 || Math.abs(here.x - box.x) > 1;
      if (!movedAway) await page.waitForTimeout(200);
    }
    tries.push(
      `${byKeyboard ? "keyboard" : "mouse"} at ${Math.round(x)},${Math.round(y)} (line ${box.line}): ${movedAway ? "the text moved" : sawHover ? "another hover" : "no hover"}`,
    );
    if (!byKeyboard && !movedAway) silentMouseTries = sawHover ? 0 : silentMouseTries + 1;
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for a hover on "${text}"${expect ? ` containing ${expect}` : ""}; last seen: ${last || "(no hover)"}; tries: ${tries.join("; ")}`,
  );
}

/** Places the cursor on `text` (clicks it) in the active editor. */
export async function clickText(page, text, { occurrence = 1 } = {}) {
  const revealed = await revealText(page, text, { occurrence });
  const box = (await relocateText(page, text, revealed)) ?? revealed;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return box;
}

/**
 * Edits the active editor as a person would: finds `from` (revealText), selects the part of it that differs from
 * `to` (a click before its first character, then Right and Shift+Right) and types the new part; e.g.
 * `replaceText(page, '"MODE": "a"', '"MODE": "b"')` selects `a` and types `b`. Only the differing middle is typed,
 * so quotes and brackets around it are left alone (typing a quote over a selection would surround it, and
 * typing an opening one would add its closing one). Waits until the line reads `to` in place of `from`; returns
 * `{ line, before, after }` (the line number and its text before and after).
 */
export async function replaceText(page, from, to, { occurrence = 1, timeoutMs = SHORT } = {}) {
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (suffix < from.length - prefix && suffix < to.length - prefix && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix++;
  const removed = from.length - prefix - suffix;
  const typed = to.slice(prefix, to.length - suffix);
  const revealed = await revealText(page, from, { occurrence });
  const box = (await relocateText(page, from, revealed)) ?? revealed;
  if (box.line === undefined) throw new Error(`replaceText needs the editor's line numbers to check the edit of ${JSON.stringify(from)}`);
  const expected = box.lineText.slice(0, box.column) + to + box.lineText.slice(box.column + from.length);
  // The left quarter of the first character puts the cursor before it.
  const charWidth = box.width / from.length;
  await page.mouse.click(box.x + charWidth / 4, box.y + box.height / 2);
  for (let i = 0; i < prefix; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < removed; i++) await page.keyboard.press("Shift+ArrowRight");
  if (typed) await page.keyboard.type(typed);
  else if (removed) await page.keyboard.press("Delete");
  const after = await waitUntil(
    page,
    `line ${box.line} to read ${JSON.stringify(expected.trim())}`,
    async () => {
      const text = await lineText(page, box.line);
      return text === expected ? text : { failed: text ?? `(line ${box.line} not rendered)` };
    },
    timeoutMs,
  );
  return { line: box.line, before: box.lineText, after };
}

/** The rendered text of line `line` of the active editor (undefined when it is not rendered). */
export async function lineText(page, line) {
  return page.evaluate((line) => {
    const editor = document.querySelector(".editor-group-container.active .monaco-editor");
    const number = editor && [...editor.querySelectorAll(".margin-view-overlays .line-numbers")].find((n) => Number(n.textContent.trim()) === line);
    if (!number) return undefined;
    const top = number.getBoundingClientRect().top;
    const view = [...editor.querySelectorAll(".view-lines .view-line")].find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2);
    return view?.textContent.replace(/\u00a0/g, " ");
  }, line);
}

/** Undo in the active editor (Ctrl+Z), `times` times. */
export async function undo(page, times = 1) {
  await focusEditor(page);
  for (let i = 0; i < times; i++) await page.keyboard.press("Control+Z");
}

/** Right-clicks on `text` in the active editor and returns the context menu's item labels. */
export async function openContextMenuAt(page, text, { occurrence = 1 } = {}) {
  const revealed = await revealText(page, text, { occurrence });
  const box = (await relocateText(page, text, revealed)) ?? revealed;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: "right" });
  const menu = page.locator(".context-view .monaco-menu").first();
  await menu.waitFor({ state: "visible", timeout: SHORT });
  return contextMenuItems(page);
}

/** The labels of the open context menu. */
export async function contextMenuItems(page) {
  const labels = await page.locator(".context-view .monaco-menu .action-item:not(.disabled) .action-label").allInnerTexts();
  return labels.map((l) => l.trim()).filter(Boolean);
}

/**
 * Clicks the open context menu's item `label` and waits for the menu to close. A menu item listens to mouse-up
 * only 100 ms after it is rendered (VS Code's menu.ts): a click sooner does nothing, so a menu that stays
 * open is clicked again.
 */
export async function chooseContextMenuItem(page, label) {
  const item = page.locator(".context-view .monaco-menu .action-item .action-label", { hasText: label }).first();
  await item.waitFor({ state: "visible", timeout: SHORT });
  const menu = page.locator(".context-view .monaco-menu").first();
  await page.waitForTimeout(200);
  for (let attempt = 1; ; attempt++) {
    await item.click();
    const closed = await menu.waitFor({ state: "hidden", timeout: 1500 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    if (attempt === 3) throw new Error(`the context menu stayed open after 3 clicks on "${label}"`);
  }
}

/** Right-clicks on `text` and chooses the context menu item `label`; returns the menu's labels. */
export async function contextMenuItem(page, text, label, options) {
  const items = await openContextMenuAt(page, text, options);
  if (!items.includes(label)) {
    await page.keyboard.press("Escape");
    throw new Error(`the editor context menu has no "${label}"; it has: ${items.join(" | ")}`);
  }
  await chooseContextMenuItem(page, label);
  return items;
}

/** Waits for a notification toast whose message matches `expect` (string or RegExp); returns its text. */
export async function waitForNotification(page, expect, { timeoutMs = LONG } = {}) {
  const seen = new Set();
  return waitUntil(
    page,
    `a notification matching ${expect}`,
    async () => {
      const messages = await page.locator(".notifications-toasts .notification-toast .notification-list-item-message").allInnerTexts();
      messages.forEach((m) => seen.add(m));
      const found = messages.find((m) => matches(m, expect));
      // Toasts hide after a while: report every message seen during the wait.
      return found ?? { failed: seen.size ? [...seen].join(" || ") : "(no notification)" };
    },
    timeoutMs,
  );
}

/**
 * Waits for a notification toast whose message matches `expect` and clicks its button `label` (e.g.
 * "Show in Executions"); returns the message.
 */
export async function clickNotificationButton(page, expect, label, { timeoutMs = LONG } = {}) {
  const message = await waitForNotification(page, expect, { timeoutMs });
  const toast = page
    .locator(".notifications-toasts .notification-toast", { has: page.locator(".notification-list-item-message", { hasText: message }) })
    .first();
  const buttons = toast.locator(".notification-list-item-buttons-container .monaco-button");
  const labels = (await buttons.allInnerTexts()).map((b) => b.trim());
  const index = labels.indexOf(label);
  if (index < 0) throw new Error(`the notification "${message}" has no button "${label}"; it has: ${labels.join(" | ") || "(none)"}`);
  await buttons.nth(index).click();
  return message;
}

/**
 * Waits for a dialog (a modal `showInformationMessage`/`showWarningMessage`, or any workbench dialog), with
 * `expect` (string or RegExp) one whose message matches; returns `{ message, detail, buttons }` (detail: the
 * text under the message, lines kept; buttons: the labels, in order, VS Code's own Cancel included).
 */
export async function waitForDialog(page, { expect, timeoutMs = LONG } = {}) {
  const box = page.locator(".monaco-dialog-box").first();
  return waitUntil(
    page,
    `a dialog${expect ? ` matching ${expect}` : ""}`,
    async () => {
      if (!(await box.isVisible())) return { failed: "(no dialog)" };
      const message = (
        await box
          .locator(".dialog-message-text")
          .innerText()
          .catch(() => "")
      ).trim();
      const detail = (
        await box
          .locator(".dialog-message-detail")
          .innerText()
          .catch(() => "")
      ).trim();
      const buttons = (await box.locator(".dialog-buttons .monaco-button").allInnerTexts()).map((b) => b.trim()).filter(Boolean);
      if (expect && !matches(message, expect)) return { failed: `a dialog "${message}"` };
      return { message, detail, buttons };
    },
    timeoutMs,
  );
}

/** Clicks the open dialog's button `label` (exact) and waits for the dialog to close. */
export async function clickDialogButton(page, label, { timeoutMs = SHORT } = {}) {
  const box = page.locator(".monaco-dialog-box").first();
  await box.waitFor({ state: "visible", timeout: timeoutMs });
  const buttons = box.locator(".dialog-buttons .monaco-button");
  const labels = (await buttons.allInnerTexts()).map((b) => b.trim());
  const index = labels.indexOf(label);
  if (index < 0) throw new Error(`the dialog has no button "${label}"; it has: ${labels.join(" | ")}`);
  await buttons.nth(index).click();
  await box.waitFor({ state: "hidden", timeout: timeoutMs });
}

/**
 * Waits for an input box (the quick input with a text field, as `showInputBox` shows it) whose title
 * contains `title`; returns `{ title, value, message }` (message: its prompt or validation text).
 */
/**
 * Enter in the open input box, as a person confirms it: once its field has the keyboard focus (the widget can be drawn
 * a moment before the focus moves there, and an Enter pressed then goes elsewhere), again until the box has closed.
 */
export async function acceptInputBox(page, { timeoutMs = SHORT } = {}) {
  const widget = page.locator(".quick-input-widget");
  const field = widget.locator(".quick-input-box input").first();
  await waitUntil(
    page,
    "the input box to take the Enter and close",
    async () => {
      if (!(await widget.isVisible())) return true;
      const focused = await field.evaluate((input) => input === input.ownerDocument.activeElement).catch(() => false);
      if (!focused) {
        await field.focus().catch(() => {});
        return { failed: "its field does not have the focus yet" };
      }
      await page.keyboard.press("Enter");
      // Pressed once more only when the box is still there 2 s later: a second Enter that came after it closed would
      // answer whatever opened next (the run confirmation's default button).
      const closed = await widget.waitFor({ state: "hidden", timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      return closed ? true : { failed: "still open 2 s after Enter" };
    },
    timeoutMs,
    300,
  );
}

export async function waitForInputBox(page, title, { timeoutMs = LONG } = {}) {
  const widget = page.locator(".quick-input-widget");
  return waitUntil(
    page,
    `an input box titled "${title}"`,
    async () => {
      if (!(await widget.isVisible())) return { failed: "(no input box)" };
      const shown = (
        await widget
          .locator(".quick-input-title")
          .innerText()
          .catch(() => "")
      ).trim();
      if (!shown.includes(title)) return { failed: `an input box titled "${shown}"` };
      const value = await widget.locator(".quick-input-box input").first().inputValue();
      const message = (
        await widget
          .locator(".quick-input-message")
          .innerText()
          .catch(() => "")
      ).trim();
      return { title: shown, value, message };
    },
    timeoutMs,
  );
}

/** Closes every notification toast. */
export async function clearNotifications(page) {
  await runCommand(page, "Notifications: Clear All Notifications").catch(() => undefined);
}

/**
 * Opens the quick fixes at `text` (cursor there, Ctrl+.) and returns their titles. With `choose`, applies
 * the one whose title matches (string or RegExp) and returns the titles that were offered.
 */
export async function quickFixesAt(page, text, { occurrence = 1, choose } = {}) {
  await clickText(page, text, { occurrence });
  await page.keyboard.press("Control+.");
  return pickCodeAction(page, `at "${text}"`, choose);
}

/**
 * Puts the cursor on `text`, waits for the editor's light bulb and clicks it, as a person would; returns
 * the titles of the actions it offers. With `choose` (string or RegExp), applies the matching one.
 * `{ autofix: true }` also requires the light bulb to show a preferred fix (the light bulb with a spark).
 */
export async function lightBulbFixesAt(page, text, { occurrence = 1, choose, autofix = false, timeoutMs = LONG } = {}) {
  await clickText(page, text, { occurrence });
  const bulb = page.locator(`.editor-group-container.active .monaco-editor .lightBulbWidget${autofix ? ".codicon-lightbulb-autofix" : ""}`).first();
  await waitUntil(
    page,
    `the light bulb${autofix ? " (with a preferred fix)" : ""} at "${text}"`,
    async () => {
      const classes = await page
        .locator(".editor-group-container.active .monaco-editor .lightBulbWidget")
        .evaluateAll((els) => els.map((e) => `${e.className} ${getComputedStyle(e).visibility}`));
      return (await bulb.isVisible()) ? true : { failed: classes.join(" | ") || "(no light bulb)" };
    },
    timeoutMs,
  );
  await bulb.click();
  return pickCodeAction(page, `in the light bulb at "${text}"`, choose);
}

/** The titles of the open code action menu (light bulb or Ctrl+.); with `choose`, clicks the matching one. */
async function pickCodeAction(page, where, choose) {
  const rows = page.locator(".action-widget .monaco-list-row.action");
  await rows.first().waitFor({ state: "visible", timeout: LONG });
  const titles = (
    await rows.evaluateAll((els) => els.map((e) => (e.querySelector(".title")?.textContent || e.getAttribute("aria-label") || e.textContent || "").trim()))
  ).filter(Boolean);
  if (choose === undefined) {
    await page.keyboard.press("Escape");
    return titles;
  }
  const index = titles.findIndex((t) => matches(t, choose));
  if (index < 0) {
    await page.keyboard.press("Escape");
    throw new Error(`no quick fix matching ${choose} ${where}; offered: ${titles.join(" | ")}`);
  }
  await rows.nth(index).click();
  await page
    .locator(".action-widget")
    .waitFor({ state: "hidden", timeout: SHORT })
    .catch(() => undefined);
  return titles;
}

/**
 * Waits until the active editor's rendered lines show `text` (`{ gone: true }`: until they no longer do).
 * Only the lines on screen count: scroll there first (revealText) when the text may be elsewhere.
 */
export async function waitForEditorText(page, text, { gone = false, timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the editor ${gone ? "to no longer show" : "to show"} ${JSON.stringify(text)}`,
    async () => {
      const lines = await page.locator(".editor-group-container.active .monaco-editor .view-lines .view-line").evaluateAll((els) =>
        els
          .map((e) => ({ top: e.getBoundingClientRect().top, text: e.textContent.replace(/\u00a0/g, " ") }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
      const shown = lines.some((l) => l.includes(text));
      if (shown !== gone) return lines.find((l) => l.includes(text)) ?? true;
      return {
        failed: lines
          .filter((l) => l.trim())
          .slice(0, 40)
          .join(" ⏎ "),
      };
    },
    timeoutMs,
  );
}

/** Triggers completion (Ctrl+Space) at the cursor and returns the suggestion labels. */
export async function completionsAtCursor(page, { timeoutMs = LONG } = {}) {
  await page.keyboard.press("Control+Space");
  const rows = page.locator(".editor-group-container.active .suggest-widget.visible .monaco-list-row");
  await rows.first().waitFor({ state: "visible", timeout: timeoutMs });
  return rows.evaluateAll((els) => els.map((e) => (e.querySelector(".label-name")?.textContent || e.getAttribute("aria-label") || "").trim()));
}

/** Renames the symbol at `text` (F2, type the new name, Enter). */
export async function renameAt(page, text, newName, { occurrence = 1 } = {}) {
  await clickText(page, text, { occurrence });
  await page.keyboard.press("F2");
  const input = page.locator(".editor-group-container.active .rename-box input, .editor-group-container.active .rename-box textarea").first();
  await input.waitFor({ state: "visible", timeout: LONG });
  await input.fill(newName);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: LONG });
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function saveActiveEditor(page) {
  await focusEditor(page);
  await page.keyboard.press("Control+S");
  await page
    .locator(".tabs-container .tab.active.dirty")
    .waitFor({ state: "detached", timeout: SHORT })
    .catch(() => undefined);
}

/**
 * The code lens titles visible in the active editor, top to bottom (one string per lens; "|" separators
 * dropped). Monaco also renders lenses a little outside the viewport: `{ all: true }` includes those.
 */
export async function codeLensTitles(page, { all = false } = {}) {
  const lenses = await page.locator(".editor-group-container.active .monaco-editor .codelens-decoration").evaluateAll((els, all) => {
    const guard = els[0]?.closest(".monaco-editor")?.querySelector(".overflow-guard")?.getBoundingClientRect();
    return (
      els
        .map((e) => ({
          rect: e.getBoundingClientRect(),
          hidden: getComputedStyle(e).visibility === "hidden",
          parts: [...e.querySelectorAll("a, span")].filter((x) => !x.querySelector("a, span")).map((x) => x.textContent.trim()),
        }))
        // Monaco keeps lenses of lines out of view as hidden widgets.
        .filter(({ rect, hidden }) => all || (!hidden && guard && rect.height > 0 && rect.top >= guard.top && rect.bottom <= guard.bottom))
        .sort((a, b) => a.rect.top - b.rect.top)
        .map((e) => e.parts)
    );
  }, all);
  return lenses.flat().filter((t) => t && t !== "|");
}

/** Waits until the active editor shows code lenses matching every entry of `expected` (strings or RegExps). */
export async function waitForCodeLenses(page, expected, { timeoutMs = LONG, all = false } = {}) {
  return waitUntil(
    page,
    `code lenses ${expected.join(", ")}`,
    async () => {
      const titles = await codeLensTitles(page, { all });
      return expected.every((e) => titles.some((t) => matches(t, e))) ? titles : { failed: titles.join(" | ") || "(none)" };
    },
    timeoutMs,
  );
}

/**
 * Clicks the code lens `title` (exact text, or RegExp; a time estimate after the text counts as the same lens) in the active editor, as a person would; only lenses on
 * screen count (reveal the line first), `occurrence` picks a later one from the top.
 */
export async function clickCodeLens(page, title, { occurrence = 1, timeoutMs = LONG } = {}) {
  const box = await waitUntil(
    page,
    `a code lens "${title}" on screen`,
    async () => {
      const lenses = await page.locator(".editor-group-container.active .monaco-editor .codelens-decoration a").evaluateAll((els) => {
        const guard = els[0]?.closest(".monaco-editor")?.querySelector(".overflow-guard")?.getBoundingClientRect();
        return els
          .map((e) => ({
            text: e.textContent.trim(),
            rect: e.getBoundingClientRect(),
            hidden: getComputedStyle(e.closest(".codelens-decoration")).visibility === "hidden",
          }))
          .filter(({ rect, hidden }) => !hidden && guard && rect.width > 0 && rect.top >= guard.top && rect.bottom <= guard.bottom)
          .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left)
          .map(({ text, rect }) => ({ text, x: rect.x, y: rect.y, width: rect.width, height: rect.height }));
      });
      // The Run lens carries the run's estimate once the pipeline has run (`▶ Run pipeline ≈ 3 min`, `… < 1 s`).
      const hits = lenses.filter((l) =>
        title instanceof RegExp ? title.test(l.text) : l.text === title || (/^ [≈<] /.test(l.text.slice(title.length)) && l.text.startsWith(title)),
      );
      return hits.length >= occurrence ? hits[occurrence - 1] : { failed: lenses.map((l) => l.text).join(" | ") || "(no lens)" };
    },
    timeoutMs,
  );
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return box;
}

/**
 * Clicks the action button `label` in the active editor's title bar (an `editor/title` menu entry shown as an icon,
 * e.g. "Show Pipeline Graph"), found by its tooltip (aria-label, which may add a keybinding).
 */
export async function clickEditorTitleAction(page, label, { timeoutMs = SHORT } = {}) {
  const action = page.locator(`.editor-group-container.active .editor-actions .action-label[aria-label^=${JSON.stringify(label)}]`).first();
  await action.waitFor({ state: "visible", timeout: timeoutMs }).catch(async () => {
    const labels = await page
      .locator(".editor-group-container.active .action-label")
      .evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-label")} (${e.closest("[class*=actions]")?.className})`));
    throw new Error(`the editor title bar has no action "${label}"; it has: ${labels.join(" | ") || "(none)"}`);
  });
  await action.click();
}

/** The pane of a view (Explorer and other side bar containers) whose header title is `title`. */
export function viewPane(page, title) {
  return page.locator(".pane", { has: page.locator(".pane-header .title", { hasText: title }) }).first();
}

/**
 * Shows the view `title` (e.g. "SageMaker Executions") with its "Focus on … View" command, unless its pane is
 * already open; waits for its body.
 */
export async function showView(page, title, { timeoutMs = SHORT } = {}) {
  const pane = viewPane(page, title);
  const open = async () =>
    (await pane.isVisible().catch(() => false)) &&
    (await pane
      .locator(".pane-header.expanded")
      .isVisible()
      .catch(() => false));
  if (!(await open())) await runCommand(page, `Focus on ${title} View`);
  await waitUntil(page, `the view "${title}" to be open`, async () => ((await open()) ? true : { failed: "(closed)" }), timeoutMs);
  return pane;
}

/**
 * Drags the sash at the side bar's right edge so that the side bar is `width` pixels wide (long tree labels
 * and descriptions then show in screenshots); returns the new width.
 */
export async function setSideBarWidth(page, width) {
  const bar = page.locator(".part.sidebar").first();
  const box = await bar.boundingBox();
  if (!box) throw new Error("the side bar is not shown");
  const y = box.y + box.height / 2;
  const edge = box.x + box.width;
  // The vertical sash of the workbench grid on the side bar's right edge.
  const sash = await page.locator(".monaco-workbench .monaco-sash.vertical").evaluateAll(
    (els, { edge, y }) =>
      els
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.top <= y && r.bottom >= y && Math.abs(r.x + r.width / 2 - edge) <= 4)
        .map((r) => ({ x: r.x + r.width / 2 }))[0],
    { edge, y },
  );
  if (!sash) throw new Error(`no sash on the side bar's right edge (x ${Math.round(edge)})`);
  await page.mouse.move(sash.x, y);
  await page.mouse.down();
  await page.mouse.move(sash.x + (width - box.width), y, { steps: 8 });
  await page.mouse.up();
  const after = (await bar.boundingBox())?.width ?? 0;
  if (Math.abs(after - width) > 8) throw new Error(`the side bar is ${Math.round(after)} px wide after the drag, not ${width}`);
  return after;
}

/**
 * Collapses every other open pane of the side bar container that shows the view `title` (e.g. the Explorer's
 * folder view), so that this view gets the height.
 */
export async function collapseOtherViews(page, title) {
  const headers = page.locator(".part.sidebar .pane-header.expanded");
  for (let i = (await headers.count()) - 1; i >= 0; i--) {
    const header = headers.nth(i);
    const name = (
      await header
        .locator(".title")
        .first()
        .innerText()
        .catch(() => "")
    ).trim();
    if (name && !name.includes(title)) await header.locator(".title").first().click();
  }
  await waitUntil(
    page,
    `the side bar to show only "${title}" open`,
    async () => {
      const open = (await page.locator(".part.sidebar .pane-header.expanded .title").allInnerTexts()).map((t) => t.trim());
      return open.length === 1 && open[0].includes(title) ? true : { failed: open.join(", ") || "(none)" };
    },
    SHORT,
  );
}

/**
 * The rendered rows of the tree in the view `title`, top to bottom: `{ label, description, level, expanded, text,
 * dataIndex }` (`expanded`: true, false, or undefined for a leaf; `text`: the row's aria-label; `dataIndex`: the
 * list's row index). Only rows the list has rendered count: a long tree must be scrolled.
 */
export async function treeItems(page, title) {
  return viewPane(page, title)
    .locator(".pane-body .monaco-list-row")
    .evaluateAll((els) =>
      els
        .map((row) => ({
          dataIndex: Number(row.getAttribute("data-index")),
          label: row.querySelector(".label-name")?.textContent?.trim() ?? row.textContent.trim(),
          description: row.querySelector(".label-description")?.textContent?.trim() ?? "",
          level: Number(row.getAttribute("aria-level")),
          expanded: row.hasAttribute("aria-expanded") ? row.getAttribute("aria-expanded") === "true" : undefined,
          text: (row.getAttribute("aria-label") || "").trim(),
        }))
        .sort((a, b) => a.dataIndex - b.dataIndex),
    );
}

/** The rows under `rows[index]` (deeper levels until the next row at its level or above). */
export function treeChildren(rows, index) {
  const children = [];
  for (let i = index + 1; i < rows.length && rows[i].level > rows[index].level; i++) children.push(rows[i]);
  return children;
}

/** Waits until the tree of the view `title` satisfies `predicate(rows)`; returns the rows. */
export async function waitForTreeItems(page, title, what, predicate, { timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the view "${title}" to show ${what}`,
    async () => {
      const rows = await treeItems(page, title);
      return predicate(rows)
        ? rows
        : { failed: rows.map((r) => `${"  ".repeat(Math.max(0, r.level - 1))}${r.label} [${r.description}]`).join(" ⏎ ") || "(no rows)" };
    },
    timeoutMs,
  );
}

/**
 * Expands the tree item of the view `title` whose label is `label` (exact, or RegExp; `level` and `occurrence`
 * pick among equal labels) by clicking its twistie, and waits until it shows children that are not a
 * loading placeholder; returns the rows under it.
 */
export async function expandTreeItem(page, title, label, { level, occurrence = 1, timeoutMs = LONG } = {}) {
  const find = (rows) =>
    rows
      .map((r, i) => [r, i])
      .filter(([r]) => (label instanceof RegExp ? label.test(r.label) : r.label === label) && (level === undefined || r.level === level))[occurrence - 1];
  const rows = await waitForTreeItems(page, title, `an item "${label}"`, (rows) => Boolean(find(rows)), { timeoutMs });
  const [row] = find(rows);
  if (row.expanded === undefined) throw new Error(`the item "${row.label}" of the view "${title}" cannot be expanded (a leaf)`);
  if (!row.expanded) await viewPane(page, title).locator(`.pane-body .monaco-list-row[data-index="${row.dataIndex}"] .monaco-tl-twistie`).click();
  const after = await waitForTreeItems(
    page,
    title,
    `the children of "${row.label}"`,
    (rows) => {
      const hit = find(rows);
      if (!hit || hit[0].expanded !== true) return false;
      const children = treeChildren(rows, hit[1]);
      return children.length > 0 && !children.some((c) => /^Loading/i.test(c.label));
    },
    { timeoutMs },
  );
  return treeChildren(after, find(after)[1]);
}

/**
 * Opens the Problems panel and returns its rows: `{ severity, message, code, source, text }`, plus
 * `empty: true` when it says that no problems have been detected.
 */
export async function readProblems(page, { timeoutMs = SHORT } = {}) {
  await showProblems(page);
  const panel = page.locator(".markers-panel");
  await panel.waitFor({ state: "visible", timeout: timeoutMs });
  const rows = await panel.locator(".monaco-list-row").evaluateAll((els) =>
    els.map((row) => {
      const q = (s) => row.querySelector(s)?.textContent?.trim() ?? "";
      const icon = row.querySelector(".marker-icon");
      const iconClass = icon ? icon.className : "";
      return {
        kind: row.querySelector(".marker-message-details-container, .marker-message-line") ? "marker" : "file",
        severity: /error/.test(iconClass) ? "error" : /warning/.test(iconClass) ? "warning" : /info/.test(iconClass) ? "info" : "",
        message: q(".marker-message-line .marker-message, .marker-message-line") || q(".marker-message"),
        code: q(".marker-code, .code"),
        source: q(".marker-source, .source"),
        text: (row.getAttribute("aria-label") || row.textContent || "").trim(),
      };
    }),
  );
  const message = (
    await panel
      .locator(".message-box-container")
      .innerText()
      .catch(() => "")
  ).trim();
  return { rows: rows.filter((r) => r.kind === "marker"), files: rows.filter((r) => r.kind === "file"), message };
}

/** Waits until the Problems panel satisfies `predicate(problems)`; returns the problems. */
export async function waitForProblems(page, what, predicate, { timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the Problems panel to show ${what}`,
    async () => {
      const problems = await readProblems(page);
      return predicate(problems) ? problems : { failed: problems };
    },
    timeoutMs,
  );
}

/** Shows the Problems panel (View: Focus Problems), keeping it open. */
export async function showProblems(page) {
  if (
    await page
      .locator(".markers-panel")
      .isVisible()
      .catch(() => false)
  )
    return;
  await focusWorkbench(page);
  await page.keyboard.press("Control+Shift+M");
  await page.locator(".markers-panel").waitFor({ state: "visible", timeout: SHORT });
}

/** The status bar's error and warning counts. */
export async function statusBarProblemCounts(page) {
  const label =
    (await page
      .locator("#status\\.problems")
      .getAttribute("aria-label")
      .catch(() => "")) ?? "";
  const errors = /(\d+)\s+error/i.exec(label) ?? /Errors:\s*(\d+)/i.exec(label);
  const warnings = /(\d+)\s+warning/i.exec(label) ?? /Warnings:\s*(\d+)/i.exec(label);
  return { errors: errors ? Number(errors[1]) : 0, warnings: warnings ? Number(warnings[1]) : 0, label };
}

/**
 * The cursor position and selection size the status bar shows for the active editor ("Ln 136, Col 30 (12
 * selected)"): `{ line, column, selected, text }` (1-based line and column of the cursor, the active end of the
 * selection; `selected`: characters selected, 0 when none).
 */
export async function editorSelectionStatus(page) {
  const text = (
    (await page
      .locator("#status\\.editor\\.selection")
      .innerText({ timeout: SHORT })
      .catch(() => "")) || ""
  ).trim();
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0), text } : { line: 0, column: 0, selected: 0, text };
}

/**
 * The on-screen boxes of the active editor's selection highlights (`.selected-text`, one per selected line part),
 * top to bottom, with the editor's visible area (`guard`: the editor's `.overflow-guard`).
 */
export async function editorSelectionBoxes(page) {
  return page.evaluate(() => {
    const editor = document.querySelector(".editor-group-container.active .monaco-editor");
    const g = editor?.querySelector(".overflow-guard")?.getBoundingClientRect();
    const boxes = [...(editor?.querySelectorAll(".view-overlays .selected-text") ?? [])]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }))
      .sort((a, b) => a.y - b.y || a.x - b.x);
    return { boxes, guard: g ? { x: g.x, y: g.y, width: g.width, height: g.height } : undefined };
  });
}

// ---- The pipeline graph view: a webview, so its page is in the workbench's `iframe.webview`, then that frame's
// `#active-frame` (VS Code swaps the inner frame when the page is replaced). Playwright's `contentFrame()`
// crosses both; locators into it wait and retry as usual.

/** The graph view's page: a FrameLocator of the shown webview's inner frame (the first shown webview). */
export function graphFrame(page) {
  return page.locator("iframe.webview.ready").filter({ visible: true }).first().contentFrame().locator("iframe#active-frame").contentFrame();
}

/** The graph node of the step `step` (`g.node[data-step=…]`; a missing step's node has its name too). */
export function graphNode(page, step) {
  return graphFrame(page).locator(`svg#graph > g#nodes > g.node[data-step=${JSON.stringify(step)}]`);
}

/**
 * What the graph view shows now, read from its DOM: `{ title, banner, execution, selectionCount, runEnabled,
 * clearEnabled, empty, legend, nodes, edges, labels }`. `banner` is "" when hidden; `nodes`: `{ id, step, name,
 * detail, classes, badges, box }` (`classes` without `node`; `box`: in the graph page's coordinates); `edges`: `{ id,
 * kind, from, to, classes, title, stroke }` (`id` = `data-edge`, `<kind>:<from>-><to>`; `stroke`: the line's computed
 * colour); `labels`: `{ kind, text, fill, box }` of the `if` / `else` edge labels; `viewport`: the scrolling area's box,
 * its scroll and client sizes, and the drawing's box.
 */
export async function graphState(page, { timeoutMs = SHORT } = {}) {
  return graphFrame(page)
    .locator("body")
    .evaluate(
      (body) => {
        const q = (s) => body.querySelector(s);
        const text = (e) => (e?.textContent ?? "").trim();
        const banner = q("#banner");
        const rect = (e) => {
          const r = e.getBoundingClientRect();
          return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
        };
        return {
          title: text(q("#title")),
          banner: banner && !banner.hidden ? text(banner) : "",
          execution: text(q("#execution")),
          selectionCount: text(q("#selection-count")),
          runEnabled: q("button#run-selected") ? !q("button#run-selected").disabled : false,
          clearEnabled: q("button#clear-selection") ? !q("button#clear-selection").disabled : false,
          empty: Boolean(q("#empty") && !q("#empty").hidden),
          legend: text(q("footer#legend")),
          searchCount: text(q("#search-count")),
          foldAll: q("button#fold-all") && !q("button#fold-all").hidden ? text(q("button#fold-all")) : "",
          minimap: (() => {
            const m = q("#minimap");
            return m && !m.hidden ? { ...rect(m), frame: m.querySelector(".minimap-frame") ? rect(m.querySelector(".minimap-frame")) : undefined } : undefined;
          })(),
          nodes: [...body.querySelectorAll("svg#graph > g#nodes > g.node")].map((g) => ({
            id: g.id,
            step: g.getAttribute("data-step"),
            name: text(g.querySelector("text.node-name")),
            detail: text(g.querySelector("text.node-detail")),
            classes: [...g.classList].filter((c) => c !== "node"),
            badges: [...g.querySelectorAll("g.node-badges g.badge")].map((b) => [...b.classList].find((c) => c.startsWith("badge-")) ?? text(b)),
            box: rect(g.querySelector("rect.node-box") ?? g),
            toggle: g.querySelector("g.toggle") ? text(g.querySelector("g.toggle text")) : undefined,
          })),
          edges: [...body.querySelectorAll("svg#graph > g#edges > g.edge")].map((g) => ({
            id: g.getAttribute("data-edge"),
            kind: [...g.classList].find((c) => c.startsWith("edge-"))?.slice(5),
            from: g.getAttribute("data-from"),
            to: g.getAttribute("data-to"),
            classes: [...g.classList].filter((c) => c !== "edge"),
            title: text(g.querySelector("title")),
            stroke: g.querySelector(".edge-line") ? getComputedStyle(g.querySelector(".edge-line")).stroke : "",
          })),
          labels: [...body.querySelectorAll("svg#graph g.edge-label")].map((g) => ({
            kind: [...g.classList].find((c) => c.startsWith("edge-label-"))?.slice(11),
            text: text(g),
            fill: g.querySelector("text") ? getComputedStyle(g.querySelector("text")).fill : "",
            box: rect(g),
          })),
          viewport: (() => {
            const v = q("main#viewport");
            const svg = q("svg#graph");
            return v
              ? {
                  ...rect(v),
                  scrollWidth: v.scrollWidth,
                  scrollHeight: v.scrollHeight,
                  clientWidth: v.clientWidth,
                  clientHeight: v.clientHeight,
                  svg: svg ? rect(svg) : undefined,
                  viewBox: svg?.getAttribute("viewBox") ?? "",
                }
              : undefined;
          })(),
        };
      },
      undefined,
      { timeout: timeoutMs },
    );
}

/** Waits until the graph view's state (graphState) satisfies `predicate(state)`; returns the state. */
export async function waitForGraph(page, what, predicate, { timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the graph view to show ${what}`,
    async () => {
      const state = await graphState(page, { timeoutMs: 2000 });
      return predicate(state) ? state : { failed: describeGraph(state) };
    },
    timeoutMs,
  );
}

/**
 * Waits until the graph view draws a node for each step name of `steps` (and, with `{ exact: true }`, no other
 * node); returns the state (graphState).
 */
export async function waitForGraphNodes(page, steps, { exact = false, timeoutMs = LONG } = {}) {
  return waitForGraph(
    page,
    `the nodes ${steps.join(", ")}${exact ? " (and no other)" : ""}`,
    (state) => {
      const drawn = state.nodes.map((n) => n.step);
      return steps.every((s) => drawn.includes(s)) && (!exact || drawn.length === steps.length);
    },
    { timeoutMs },
  );
}

/** A one-line account of a graph state, for failure messages and logs. */
export function describeGraph(state) {
  const nodes = state.nodes.map((n) => `${n.step ?? n.id}[${n.classes.join(" ")}${n.badges.length ? ` · ${n.badges.join(" ")}` : ""}]`).join(" ");
  const edges = state.edges
    .map(
      (e) =>
        `${e.id}${e.classes.some((c) => c === "broken" || c === "cycle") ? `(${e.classes.filter((c) => c === "broken" || c === "cycle").join(",")})` : ""}`,
    )
    .join(" ");
  return `nodes: ${nodes || "(none)"} ⏎ edges: ${edges || "(none)"}${state.banner ? ` ⏎ banner: ${state.banner}` : ""}${state.execution ? ` ⏎ execution: ${state.execution}` : ""}`;
}

/**
 * Clicks the graph node of `step` as a person would (its centre; `modifiers`: e.g. ["Control"] to add it to the
 * selection); the frame scrolls it into view first.
 */
export async function clickGraphNode(page, step, { modifiers = [], timeoutMs = SHORT } = {}) {
  const node = graphNode(page, step);
  await node.locator("rect.node-box").click({ modifiers, timeout: timeoutMs });
}

/** Types `text` into the graph view's search box (replacing what it held); `enter`: then presses Enter that many times. */
export async function searchGraph(page, text, { enter = 0, timeoutMs = SHORT } = {}) {
  const box = graphFrame(page).locator("input#search");
  await box.fill(text, { timeout: timeoutMs });
  for (let i = 0; i < enter; i++) await box.press("Enter", { timeout: timeoutMs });
}

/** Clicks the fold toggle (− / +) of the Condition step `step` in the graph view. */
export async function clickGraphToggle(page, step, { timeoutMs = SHORT } = {}) {
  await graphNode(page, step).locator("g.toggle rect").click({ timeout: timeoutMs });
}

/** The graph's scale on screen: the drawing's width over its viewBox width. */
export function graphScale(state) {
  const width = Number(state.viewport?.viewBox?.split(" ")[2] ?? 0);
  return width > 0 ? state.viewport.svg.width / width : 0;
}

/**
 * Collects the page's console errors and warnings and its uncaught errors, including those of the webviews' frames
 * (Content-Security-Policy refusals are console errors): `{ messages, graph() }`, `graph()` the errors that come
 * from a webview's page (its URL has `webview`) and any message that mentions the Content Security Policy.
 */
export function watchConsole(page) {
  const messages = [];
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    messages.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? "" });
  });
  page.on("pageerror", (e) => messages.push({ type: "pageerror", text: String(e?.message ?? e), url: "" }));
  return {
    messages,
    // VS Code's own webview host page warns about its sandbox flags on every webview: not the extension's page.
    graph: () =>
      messages.filter((m) => (m.type !== "warning" && /webview|vscode-resource|vscode-cdn/i.test(m.url)) || /Content Security Policy|graph-view/i.test(m.text)),
  };
}

/** Presses Escape and moves focus back to the workbench (closes open quick inputs and menus). */
export async function focusWorkbench(page) {
  if (
    await page
      .locator(".quick-input-widget")
      .isVisible()
      .catch(() => false)
  )
    await page.keyboard.press("Escape");
  if (
    await page
      .locator(".context-view .monaco-menu")
      .isVisible()
      .catch(() => false)
  )
    await page.keyboard.press("Escape");
}

function matches(text, expect) {
  return expect instanceof RegExp ? expect.test(text) : text.includes(expect);
}

/**
 * Polls `probe` until it returns a value that is neither undefined nor `{ failed }`; throws after
 * `timeoutMs` with the last value seen.
 */
export async function waitUntil(page, what, probe, timeoutMs = LONG, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last !== undefined && last !== null && !(typeof last === "object" && "failed" in last)) return last;
    } catch (error) {
      last = { failed: error.message };
    }
    if (Date.now() > deadline) {
      const seen = last && typeof last === "object" && "failed" in last ? last.failed : last;
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${typeof seen === "string" ? seen : JSON.stringify(seen)}`);
    }
    await page.waitForTimeout(intervalMs);
  }
}

/** The names the Explorer's folder view lists at its top level (rendered rows at level 1, top to bottom). */
export async function explorerTopLevelNames(page) {
  return page
    .locator('.explorer-folders-view .monaco-list-row[aria-level="1"]')
    .evaluateAll((rows) => rows.map((row) => row.querySelector(".label-name")?.textContent?.trim() ?? "").filter(Boolean));
}

// ---- The Run Plan panel: a webview like the graph view (its page in `iframe.webview` → `iframe#active-frame`), told
// apart from it by its form `#plan`.

/** The Run Plan's page: a FrameLocator of the webview whose page has `form#plan` (the graph view may be beside it). */
export async function runPlanFrame(page, { timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    "the Run Plan panel",
    async () => {
      const frames = page.locator("iframe.webview.ready").filter({ visible: true });
      for (let i = 0; i < (await frames.count()); i++) {
        const inner = frames.nth(i).contentFrame().locator("iframe#active-frame").contentFrame();
        if ((await inner.locator("form#plan").count()) > 0) return inner;
      }
      return { failed: "(no webview with a Run Plan)" };
    },
    timeoutMs,
  );
}

/**
 * What the Run Plan shows, read from its DOM: `{ title, facts, changes, notes, rows, total, parameters, problems,
 * runEnabled, status, focused }`. `facts`: the header's terms and values (`Target`, `Pipeline`, `Definition`, `Run`,
 * `Reference`); `rows`: `{ step, verdict, text, detail, estimate, icon }` (`icon`: the icon's class, e.g. `icon-run`);
 * `parameters`: `{ name, value, type, source, problem, invalid, control }` (`control`: `input` or `select`, with `options`).
 */
export async function runPlanState(page, { timeoutMs = SHORT } = {}) {
  const frame = await runPlanFrame(page, { timeoutMs });
  return frame.locator("body").evaluate((body) => {
    const text = (node) => (node?.textContent ?? "").trim();
    const facts = {};
    for (const dt of body.querySelectorAll("#facts dt")) facts[text(dt)] = text(dt.nextElementSibling?.firstChild);
    return {
      title: text(body.querySelector("#title")),
      facts,
      changes: [...body.querySelectorAll("#facts .changes li")].map(text),
      notes: [...body.querySelectorAll("#notes li")].map(text),
      rows: [...body.querySelectorAll("#steps tbody tr")].map((tr) => ({
        step: tr.dataset.step,
        verdict: tr.dataset.verdict,
        text: text(tr.querySelector(".verdict-text")),
        detail: text(tr.querySelector(".detail")),
        estimate: text(tr.querySelector(".estimate")),
        icon: [...(tr.querySelector("svg.icon")?.classList ?? [])].find((c) => c.startsWith("icon-")) ?? "",
      })),
      total: text(body.querySelector("#total")),
      parameters: [...body.querySelectorAll("#parameters tbody tr")].map((tr) => {
        const control = tr.querySelector(".value");
        return {
          name: tr.dataset.parameter,
          label: text(tr.querySelector("label")),
          labelFor: tr.querySelector("label")?.htmlFor === control?.id,
          value: control?.value,
          control: control?.tagName.toLowerCase(),
          options: control?.tagName === "SELECT" ? [...control.options].map((o) => o.value) : undefined,
          type: text(tr.querySelector(".type")),
          source: text(tr.querySelector(".source")),
          problem: tr.querySelector(".problem")?.hidden ? "" : text(tr.querySelector(".problem")),
          invalid: control?.getAttribute("aria-invalid") === "true",
        };
      }),
      problems: [...body.querySelectorAll("#problems li")].map(text),
      runEnabled: !body.querySelector("#run").disabled,
      status: text(body.querySelector("#status")),
      focused: document.activeElement?.id ?? "",
    };
  });
}

/** One line of what the Run Plan shows, for logs and errors. */
export function describeRunPlan(state) {
  return [
    `"${state.title}"`,
    ...Object.entries(state.facts).map(([k, v]) => `${k}: ${v}`),
    `steps: ${state.rows.map((r) => `${r.step}=${r.text}${r.detail ? ` (${r.detail})` : ""} [${r.estimate}]`).join(", ")}`,
    `total: ${state.total}`,
    `parameters: ${state.parameters.map((p) => `${p.name}=${p.value} (${p.type}, ${p.source}${p.problem ? `; ${p.problem}` : ""})`).join(", ") || "none"}`,
    `Run ${state.runEnabled ? "enabled" : "disabled"}${state.status ? ` · ${state.status}` : ""}`,
  ].join(" | ");
}

/** Waits until the Run Plan's title matches `expect` (and `predicate(state)`, if given); returns the state. */
export async function waitForRunPlan(page, { expect, predicate, timeoutMs = LONG } = {}) {
  return waitUntil(
    page,
    `the Run Plan${expect ? ` "${expect}"` : ""}`,
    async () => {
      const state = await runPlanState(page, { timeoutMs: 2000 });
      if (expect && !matches(state.title, expect)) return { failed: describeRunPlan(state) };
      if (predicate && !predicate(state)) return { failed: describeRunPlan(state) };
      return state;
    },
    timeoutMs,
  );
}

/** Clicks the Run Plan's `Run` or `Cancel` and waits for the panel to close (a run closes it once started). */
export async function clickRunPlanButton(page, label, { timeoutMs = LONG } = {}) {
  const frame = await runPlanFrame(page, { timeoutMs: SHORT });
  const button = frame.locator(label === "Run" ? "button#run" : "button#cancel");
  await button.click({ timeout: SHORT });
  await waitUntil(
    page,
    "the Run Plan panel to close",
    async () => ((await page.locator(".tab", { hasText: "Run Plan:" }).count()) === 0 ? true : { failed: "(still open)" }),
    timeoutMs,
  );
}

/** Types `value` into the Run Plan's field of parameter `name` (its text replaced), as a person types. */
export async function typeRunPlanParameter(page, name, value) {
  const frame = await runPlanFrame(page, { timeoutMs: SHORT });
  const field = frame.locator(`#parameters tr[data-parameter=${JSON.stringify(name)}] .value`);
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.pressSequentially(value, { delay: 40 });
}
