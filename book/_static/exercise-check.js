// "Your turn" exercises: the stub opens in the editor of run-in-page.js, with
// a Check button beside Run. Check runs the edited stub, then the example
// under it that calls check(...), and shows the verdict under the stub:
// ✓, or the smallest failing case and a hint. Everything runs in the page's
// own Python (window.bookPython, from run-in-page.js), offline.
(() => {
  "use strict";

  function verdict() {
    const result = document.createElement("pre");
    result.className = "check-result";
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    result.tabIndex = 0;
    result.hidden = true;
    return result;
  }

  function show(result, text, passed) {
    result.textContent = text.trim();
    result.classList.toggle("check-pass", passed);
    result.classList.toggle("check-fail", !passed);
    result.hidden = false;
  }

  // Run the block that calls check(...) without showing its output under
  // it: the verdict, under the stub, is where the reader looks.
  async function echoless(checker) {
    const output = checker.runUI.output;
    output.classList.add("check-echo");
    try {
      return await window.bookPython.runExample(checker);
    } finally {
      output.hidden = true;
      output.classList.remove("check-echo");
    }
  }

  function setUp(exercise) {
    const [stub, checker] = exercise.querySelectorAll("div.run-example");
    const ui = stub?.runUI;
    if (!ui || !checker || !window.bookPython?.runExample) return;
    const result = verdict();
    ui.output.after(result);
    const check = document.createElement("button");
    check.type = "button";
    check.className = "run-control check-button";
    check.textContent = "Check";
    check.title = "Run your code and check it";
    check.addEventListener("click", async () => {
      check.disabled = true;
      try {
        const defined = await window.bookPython.runExample(stub);
        ui.output.hidden = !defined.trim();  // a stub that only defines prints nothing
        const printed = await echoless(checker);
        show(result, printed, printed.trimStart().startsWith("✓"));
      } catch (error) {
        show(result, error.message, false);
      } finally {
        check.disabled = false;
      }
    });
    ui.run.after(check);
    nearView.observe(exercise);
  }

  // The editor opens when the exercise comes near the screen: a page read
  // only at its top fetches nothing.
  const nearView = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting) continue;
      nearView.unobserve(target);
      openEditor(target, target.querySelector("div.run-example").runUI);
    }
  }, { rootMargin: "300px" });

  // The stub waits in the editor, ready to be changed. Edit focuses its
  // editor, which would pull the page and the reader's keyboard to it: the
  // exercise is inert (cannot take the focus) until the editor is in place.
  function openEditor(exercise, ui) {
    ui.edit.click();
    exercise.inert = true;
    const opened = new MutationObserver(() => {
      if (ui.area || ui.status.textContent) {
        exercise.inert = false;
        opened.disconnect();
      }
    });
    opened.observe(exercise, { childList: true, subtree: true, characterData: true });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("div.your-turn").forEach(setUp);
  });
})();
