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
