// The theme's two drawers, the chapter list and the page's contents, are
// checkboxes (#__navigation, #__toc) opened by tapping a label, and closed by
// tapping the label again or the shaded page beside the drawer. This makes the
// labels buttons a keyboard can reach and press, says whether each drawer is
// open, and lets Escape close an open drawer.
document.addEventListener("DOMContentLoaded", () => {
  const drawers = {
    __navigation: "Chapters",
    __toc: "Contents of this page",
  };
  const buttons = [];
  let lastOpener = null;
  for (const [id, name] of Object.entries(drawers)) {
    const box = document.getElementById(id);
    if (!box) continue;
    for (const label of document.querySelectorAll(`label[for="${id}"]:not(.overlay)`)) {
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", name);
      label.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        label.click();
      });
      buttons.push([box, label]);
    }
    box.addEventListener("change", () => {
      if (box.checked) lastOpener = document.activeElement;
      showState();
    });
  }
  const showState = () => {
    for (const [box, label] of buttons) label.setAttribute("aria-expanded", box.checked);
  };
  showState();

  // A link to a part of this page leaves the page where it is: close the
  // drawer, so that the reader sees the part the link went to.
  for (const drawer of document.querySelectorAll(".sidebar-drawer, .toc-drawer")) {
    drawer.addEventListener("click", (event) => {
      if (!event.target.closest("a[href]")) return;
      for (const [box] of buttons) box.checked = false;
      showState();
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = buttons.filter(([box]) => box.checked);
    if (!open.length) return;
    for (const [box] of open) box.checked = false;
    showState();
    if (lastOpener && lastOpener.isConnected) lastOpener.focus();
  });
});

// On a wide screen the chapter list stands beside the page. A button above
// the page hides it (for a page with more room, or fewer distractions) and
// shows it again; the choice holds for the other pages read in this tab.
// The class is set before the page is drawn, so a hidden list never flashes.
(() => {
  const KEY = "book-chapter-list-hidden";
  const root = document.documentElement;
  const remembered = () => { try { return sessionStorage.getItem(KEY) === "1"; } catch { return false; } };
  const remember = (hidden) => { try { sessionStorage.setItem(KEY, hidden ? "1" : "0"); } catch { /* private mode */ } };
  root.classList.toggle("chapter-list-hidden", remembered());

  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector(".sidebar-drawer");
    const icons = document.querySelector(".content-icon-container");
    if (!list || !icons) return;
    list.id ||= "chapter-list";
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "chapter-list-toggle";
    toggle.setAttribute("aria-controls", list.id);
    toggle.innerHTML = '<svg aria-hidden="true"><use href="#svg-menu"></use></svg>';
    const show = () => {
      const hidden = root.classList.contains("chapter-list-hidden");
      toggle.setAttribute("aria-expanded", String(!hidden));
      toggle.setAttribute("aria-label", hidden ? "Show the chapter list" : "Hide the chapter list");
      toggle.title = toggle.getAttribute("aria-label");
    };
    toggle.addEventListener("click", () => {
      remember(root.classList.toggle("chapter-list-hidden"));
      show();
    });
    show();
    icons.prepend(toggle);
  });
})();
