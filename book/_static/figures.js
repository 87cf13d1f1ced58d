// A graph picture never shrinks below the width at which its text is 12 px,
// so a wide one scrolls sideways in its frame, where a touch screen shows no
// scroll bar. Such a frame gets a visible cue under it, a button that fits the
// picture to the column (and back to full size), and a place in the keyboard's
// tab order, so that arrow keys can scroll it. Checked again when the window
// changes size. A wide table's box gets the same place in the tab order.
(() => {
  "use strict";
  const CUE = "Wider than the page: scroll it sideways, or";

  function cueFor(frame) {
    let cue = frame.nextElementSibling;
    if (cue?.classList.contains("dag-scroll-cue")) return cue;
    cue = document.createElement("p");
    cue.className = "dag-scroll-cue";
    const fit = document.createElement("button");
    fit.type = "button";
    fit.className = "dag-fit-button";
    fit.addEventListener("click", () => {
      const fitted = frame.classList.toggle("dag-fitted");
      fit.textContent = fitted ? "show it at full size" : "fit it to the page";
      fit.setAttribute("aria-pressed", fitted);
      cue.firstChild.textContent = fitted ? "Fitted to the page:" + " " : CUE + " ";
    });
    fit.textContent = "fit it to the page";
    fit.setAttribute("aria-pressed", "false");
    cue.append(CUE + " ", fit);
    frame.after(cue);
    return cue;
  }

  function check() {
    for (const frame of document.querySelectorAll("figure.dag .dag-frame")) {
      const wide = frame.classList.contains("dag-fitted")
                   || frame.scrollWidth > frame.clientWidth + 1;
      frame.classList.toggle("dag-scrolls", wide);
      if (wide) {
        frame.tabIndex = 0;
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", "Graph picture, wider than the page");
        cueFor(frame).hidden = false;
      } else {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
        const cue = frame.nextElementSibling;
        if (cue?.classList.contains("dag-scroll-cue")) cue.hidden = true;
      }
    }
  }

  // The theme wraps each table in a box that scrolls sideways when the table
  // is wider than the column: a keyboard reaches it only if it can focus it.
  function checkTables() {
    for (const box of document.querySelectorAll(".table-wrapper")) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      box.toggleAttribute("tabindex", wide);
      if (wide) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, wider than the page");
      } else {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  window.addEventListener("load", () => { check(); checkTables(); });
  document.addEventListener("dag-redrawn", check);  // run-in-page.js drew new pictures
  let pending = null;
  window.addEventListener("resize", () => {
    clearTimeout(pending);
    pending = setTimeout(() => { check(); checkTables(); }, 150);
  });
})();
