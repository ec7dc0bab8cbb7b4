// The page's behaviour: one picture per nesting depth (div.level), of which one is shown.
// Clicking a block (a collapsed module call) shows the next depth with the block's boxes
// outlined; clicking another box inside a module call, or shift-clicking any box there, shows
// the depth where that call is one box.
// With "#selftest" in the address the script exercises this itself and writes the outcome
// into #status, where a test reads it (headless Chromium's --dump-dom).
"use strict";
(function () {
  const status = document.getElementById("status");
  const report = (line) => { status.textContent += line + "\n"; };
  window.addEventListener("error", (event) => report("error: " + event.message));

  const levels = Array.from(document.querySelectorAll("div.level"));
  const tip = document.getElementById("tip");
  const levelText = document.getElementById("level");
  let current = levels.findIndex((level) => !level.hidden);

  const within = (box) => (box.dataset.within || "").split(" ").filter((id) => id !== "");

  function show(depth, outline) {
    current = Math.max(0, Math.min(levels.length - 1, depth));
    levels.forEach((level, index) => { level.hidden = index !== current; });
    levelText.textContent = "depth " + current + " of " + (levels.length - 1);
    const boxes = levels[current].querySelectorAll(".box");
    boxes.forEach((box) => box.classList.toggle("opened", outline(box)));
    const first = levels[current].querySelector(".box.opened");
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
  }

  function expand(block) {
    const call = block.dataset.call;
    show(current + 1, (box) => within(box).includes(call));
  }

  function collapse(box) {
    const enclosing = within(box);
    if (enclosing.length === 0) return false;
    const call = enclosing[Math.min(current, enclosing.length) - 1];
    show(enclosing.indexOf(call), (other) => other.dataset.call === call);
    return true;
  }

  document.addEventListener("click", (event) => {
    const box = event.target.closest ? event.target.closest(".box") : null;
    if (!box) return;
    if (box.classList.contains("block") && !event.shiftKey) expand(box); else collapse(box);
  });
  document.addEventListener("mouseover", (event) => {
    const box = event.target.closest ? event.target.closest(".box") : null;
    if (!box) { tip.hidden = true; return; }
    tip.textContent = box.dataset.tip;
    tip.style.left = (event.clientX + 14) + "px";
    tip.style.top = (event.clientY + 14) + "px";
    tip.hidden = false;
  });
  document.getElementById("expand").addEventListener("click", () => show(levels.length - 1, () => false));
  document.getElementById("collapse").addEventListener("click", () => show(current - 1, () => false));
  show(current, () => false);

  function selftest() {
    const start = current;
    const block = levels[start].querySelector(".box.block");
    if (!block) { report("ok: nothing to expand at depth " + start); return; }
    block.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, clientX: 5, clientY: 5 }));
    if (tip.hidden || tip.textContent !== block.dataset.tip) throw new Error("hovering shows no tip");
    block.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    const opened = levels[current].querySelectorAll(".box.opened");
    if (current !== start + 1 || opened.length === 0) throw new Error("the block did not expand");
    opened[0].dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));
    const again = levels[current].querySelector(".box.opened");
    if (current !== start || again === null || again.dataset.call !== block.dataset.call) {
      throw new Error("the block did not collapse again");
    }
    report("ok: expanded block " + block.dataset.call + " into " + opened.length +
           " boxes at depth " + (start + 1) + " and collapsed it again");
  }
  if (window.location.hash === "#selftest") {
    try { selftest(); } catch (failure) { report("failed: " + failure.message); }
  }
})();
