// Sphinx's search shows, under each result, the text around the first match
// in the page's [role=main] element. In this theme that element also holds the
// page's buttons, its title bar and its table of contents, so the summary of a
// result was often a run of headings. Take the text from the article instead.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;  // a const of searchtools.js, not on window
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".headerlink, script, style").forEach((el) => el.remove());
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) return "";
    const part = anchor ? article.querySelector("#" + CSS.escape(anchor.slice(1))) : null;
    return (part || article).textContent;
  };
});
